import type { Service } from 'kubernetes-types/core/v1.js';
import { manifest, sub } from '../scripts/core/manifest.js';
import { describe } from '../scripts/policy/scaling.js';
import type { Policy, PolicyFinding } from '../scripts/policy/types.js';

export interface Options {
  /** Service types the team does not allow in this environment. */
  forbidden: string[];
}

const WHY: Record<string, string> = {
  NodePort: 'opens the port on every node, past any ingress controller, NetworkPolicy-blind on most CNIs',
  LoadBalancer: 'provisions a cloud load balancer reachable from outside the cluster, with its own cost',
  ExternalName: 'resolves to any DNS name, which can redirect in-cluster clients outside the cluster',
};

const policy: Policy<Options> = {
  meta: {
    id: 'service-type',
    title: 'Services use the types the environment allows (no NodePort or LoadBalancer by default)',
    defaultSeverity: 'error',
    rationale:
      'NodePort and LoadBalancer Services expose a workload outside the cluster, around the ingress layer where TLS, authentication and rate limits are applied; exposure should be a reviewed exception.',
    remediation:
      'Use a ClusterIP Service behind the Ingress (or Gateway); if the exposure is intended, allow the type for that environment in policies/config.yaml or exempt the Service.',
    kinds: ['Service'],
    docs: 'docs/policies/service-type.md',
  },
  defaults: { forbidden: ['NodePort', 'LoadBalancer'] },
  optionsSchema: {
    type: 'object',
    properties: {
      forbidden: {
        type: 'array',
        items: { enum: ['ClusterIP', 'NodePort', 'LoadBalancer', 'ExternalName'] },
        uniqueItems: true,
      },
    },
    additionalProperties: false,
  },
  check(ctx) {
    const forbidden = new Set(ctx.options.forbidden);
    const out: PolicyFinding[] = [];
    for (const svc of ctx.byKind('Service')) {
      if (svc.id.group !== '') continue;
      const type = sub(manifest<Service>(svc), 'spec')?.type ?? 'ClusterIP';
      if (typeof type !== 'string' || !forbidden.has(type)) continue;
      out.push({
        subject: svc,
        pointer: type === 'ClusterIP' ? '/spec' : '/spec/type',
        message: `${describe(svc)} is of type ${type}${WHY[type] ? `, which ${WHY[type]}` : ''}; ${ctx.env.name} does not allow it`,
        hint: 'use a ClusterIP Service behind the Ingress, or allow the type for this environment in policies/config.yaml',
      });
    }
    return out;
  },
};

export default policy;
