import type { NetworkPolicy } from 'kubernetes-types/networking/v1.js';
import { manifest, sub } from '../scripts/core/manifest.js';
import { asSelector, isEmptySelector, type LabelSelector } from '../scripts/core/pods.js';
import { templateIndex } from '../scripts/policy/scaling.js';
import type { Policy, PolicyFinding } from '../scripts/policy/types.js';

export interface Options {
  /**
   * Label keys of pods that controllers create at run time (cert-manager's HTTP-01 solver pods, for one):
   * a podSelector that requires one of them selects pods the render cannot contain and is not checked.
   */
  runtimePodLabels: string[];
}

const policy: Policy<Options> = {
  meta: {
    id: 'network-policy-selects',
    title: 'NetworkPolicies select some pod template',
    defaultSeverity: 'error',
    rationale:
      'A NetworkPolicy whose podSelector matches nothing enforces nothing; the pods it was meant to isolate stay open, and the manifest suggests otherwise.',
    remediation:
      'Make spec.podSelector match the pod template labels of the workloads it protects (an empty podSelector covers the whole namespace).',
    kinds: ['NetworkPolicy'],
    docs: 'docs/policies/network-policy-selects.md',
  },
  defaults: { runtimePodLabels: ['acme.cert-manager.io/http01-solver'] },
  optionsSchema: {
    type: 'object',
    properties: { runtimePodLabels: { type: 'array', items: { type: 'string', minLength: 1 } } },
    additionalProperties: false,
  },
  check(ctx) {
    const out: PolicyFinding[] = [];
    const templates = templateIndex(ctx);
    const runtime = new Set(ctx.options.runtimePodLabels);
    for (const np of ctx.byKind('NetworkPolicy')) {
      if (np.id.group !== 'networking.k8s.io') continue;
      const selector = asSelector(sub(sub(manifest<NetworkPolicy>(np), 'spec'), 'podSelector'));
      if (!selector || isEmptySelector(selector)) continue;
      if (requiredKeys(selector).some((k) => runtime.has(k))) continue;
      if (templates.select(np.id.namespace ?? '', selector).length > 0) continue;
      out.push({
        subject: np,
        pointer: '/spec/podSelector',
        message: `podSelector matches no pod template in namespace "${np.id.namespace ?? ''}"; the policy isolates nothing`,
        hint: 'use labels the pod template carries, or an empty podSelector for the whole namespace',
      });
    }
    return out;
  },
};

/** Label keys a pod must carry to match: matchLabels keys and In/Exists expressions. */
function requiredKeys(selector: LabelSelector): string[] {
  const keys = Object.keys(selector.matchLabels ?? {});
  for (const e of selector.matchExpressions ?? []) if (e.operator === 'In' || e.operator === 'Exists') keys.push(e.key);
  return keys;
}

export default policy;
