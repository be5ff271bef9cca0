import { strings } from '../scripts/core/pods.js';
import type { Ingress } from 'kubernetes-types/networking/v1.js';
import type { ICertificate } from '@kubernetes-models/cert-manager/cert-manager.io/v1/Certificate';
import { escapePointer, type Resource } from '../scripts/core/resource.js';
import type { Policy, PolicyFinding } from '../scripts/policy/types.js';
import { manifest, str, sub } from '../scripts/core/manifest.js';
import { namespaceName } from '../scripts/policy/namespace-name.js';

export interface Options {
  /**
   * Issuers that exist outside the render: `ClusterIssuer/<name>`, `Issuer/<namespace>/<name>`, or for
   * external issuer types `<Kind>.<group>/<name>` (e.g. `AWSPCAClusterIssuer.awspca.cert-manager.io/pca`).
   */
  external: string[];
}

const GROUP = 'cert-manager.io';
const SHIM: Record<string, string> = {
  'cert-manager.io/cluster-issuer': 'ClusterIssuer',
  'cert-manager.io/issuer': 'Issuer',
};

const policy: Policy<Options> = {
  meta: {
    id: 'certificate-issuer',
    title: 'Certificates name an issuer that exists',
    defaultSeverity: 'error',
    rationale:
      'A Certificate whose issuerRef names a missing Issuer or ClusterIssuer stays un-issued forever; the TLS Secret never appears and the Ingress serves the default certificate.',
    remediation:
      'Point issuerRef at an Issuer in the same namespace or a ClusterIssuer in the render (kind: ClusterIssuer), or list the issuer under external in policies/config.yaml.',
    kinds: ['Certificate', 'Issuer', 'ClusterIssuer', 'Ingress'],
    docs: 'docs/policies/certificate-issuer.md',
  },
  defaults: { external: [] },
  optionsSchema: {
    type: 'object',
    properties: { external: { type: 'array', items: { type: 'string', pattern: '^[^/]+/([^/]+/)?[^/]+$' } } },
    additionalProperties: false,
  },
  check(ctx) {
    const out: PolicyFinding[] = [];
    const known = new Set(ctx.options.external);
    for (const r of ctx.byKind('Issuer'))
      if (r.id.group === GROUP) known.add(`Issuer/${r.id.namespace ?? ''}/${r.id.name}`);
    for (const r of ctx.byKind('ClusterIssuer')) if (r.id.group === GROUP) known.add(`ClusterIssuer/${r.id.name}`);
    const exists = (kind: string, group: string, ns: string, name: string): boolean => {
      const k = group === GROUP ? kind : `${kind}.${group}`;
      return kind === 'ClusterIssuer' || kind.startsWith('Cluster')
        ? known.has(`${k}/${name}`)
        : known.has(`${k}/${ns}/${name}`) || known.has(`${k}/${name}`);
    };
    const report = (subject: Resource, pointer: string, kind: string, group: string, name: string): void => {
      const ns = subject.id.namespace ?? '';
      const where = kind.startsWith('Cluster') ? 'in the render' : `in ${namespaceName(ns)}`;
      out.push({
        subject,
        pointer,
        message: `${kind}${group === GROUP ? '' : `.${group}`} "${name}" does not exist ${where}, so the certificate is never issued`,
        hint:
          kind === 'Issuer'
            ? 'use kind: ClusterIssuer for a cluster-wide issuer, or add the Issuer to this namespace'
            : `add the ${kind} or list "${kind}/${name}" under external`,
      });
    };
    for (const cert of ctx.byKind('Certificate')) {
      if (cert.id.group !== GROUP) continue;
      const ref = sub(sub(manifest<ICertificate>(cert), 'spec'), 'issuerRef');
      const name = str(ref, 'name');
      if (name === undefined) continue;
      const kind = str(ref, 'kind') || 'Issuer';
      const group = str(ref, 'group') || GROUP;
      if (!exists(kind, group, cert.id.namespace ?? '', name)) report(cert, '/spec/issuerRef/name', kind, group, name);
    }
    // Ingresses annotated for cert-manager's ingress-shim name their issuer the same way.
    for (const ing of ctx.byKind('Ingress')) {
      const annotations = strings(sub(manifest<Ingress>(ing), 'metadata')?.annotations);
      for (const [annotation, kind] of Object.entries(SHIM)) {
        const name = annotations[annotation];
        if (typeof name !== 'string' || name === '') continue;
        if (!exists(kind, GROUP, ing.id.namespace ?? '', name))
          report(ing, `/metadata/annotations/${escapePointer(annotation)}`, kind, GROUP, name);
      }
    }
    return out;
  },
};

export default policy;
