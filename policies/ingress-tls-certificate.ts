import { strings } from '../scripts/core/pods.js';
import type { Ingress } from 'kubernetes-types/networking/v1.js';
import { items, manifest, str, sub } from '../scripts/core/manifest.js';
import { configSources } from '../scripts/policy/config-sources.js';
import type { Policy, PolicyFinding } from '../scripts/policy/types.js';
import { namespaceName } from '../scripts/policy/namespace-name.js';

export interface Options {
  /** TLS Secrets managed outside the render: `name` (any namespace) or `namespace/name`. */
  external: string[];
}

const SHIM_ANNOTATIONS = ['cert-manager.io/cluster-issuer', 'cert-manager.io/issuer'];

const policy: Policy<Options> = {
  meta: {
    id: 'ingress-tls-certificate',
    title: 'Ingress TLS secrets are produced by a Certificate',
    defaultSeverity: 'error',
    rationale:
      'An Ingress naming a TLS Secret that nothing creates falls back to the controller default certificate, and browsers reject the site; a hand-made Secret expires without anyone renewing it.',
    remediation:
      'Add a cert-manager Certificate whose spec.secretName is the Ingress tls[].secretName (or annotate the Ingress for cert-manager), or list the Secret under external in policies/config.yaml.',
    kinds: ['Ingress', 'Certificate', 'ExternalSecret'],
    docs: 'docs/policies/ingress-tls-certificate.md',
  },
  defaults: { external: [] },
  optionsSchema: {
    type: 'object',
    properties: { external: { type: 'array', items: { type: 'string', minLength: 1 } } },
    additionalProperties: false,
  },
  check(ctx) {
    const out: PolicyFinding[] = [];
    const { secrets } = configSources(ctx);
    const external = new Set(ctx.options.external);
    for (const ing of ctx.byKind('Ingress')) {
      if (ing.id.group !== 'networking.k8s.io' && ing.id.group !== 'extensions') continue;
      const annotations = strings(sub(manifest<Ingress>(ing), 'metadata')?.annotations);
      // cert-manager's ingress-shim creates the Certificate for annotated Ingresses.
      if (SHIM_ANNOTATIONS.some((a) => typeof annotations[a] === 'string')) continue;
      const ns = ing.id.namespace ?? '';
      for (const [entry, i] of items(sub(manifest<Ingress>(ing), 'spec'), 'tls')) {
        const name = str(entry, 'secretName');
        if (name === undefined || name === '') continue;
        if (external.has(name) || external.has(`${ns}/${name}`)) continue;
        const source = secrets.get(`${ns}/${name}`);
        if (source && source.producer.kind !== 'Secret') continue;
        out.push({
          subject: ing,
          pointer: `/spec/tls/${i}/secretName`,
          message: source
            ? `TLS Secret "${name}" is a plain Secret in the render; no Certificate renews it`
            : `no Certificate in ${namespaceName(ns)} produces TLS Secret "${name}"`,
          hint: `add a cert-manager Certificate with secretName: ${name}, or list "${ns}/${name}" under external`,
        });
      }
    }
    return out;
  },
};

export default policy;
