import { asSelector, isEmptySelector } from '../scripts/core/pods.js';
import { templateIndex } from '../scripts/policy/scaling.js';
import type { Policy, PolicyFinding } from '../scripts/policy/types.js';
import { child } from '../scripts/policy/workloads.js';

const policy: Policy<Record<string, never>> = {
  meta: {
    id: 'network-policy-selects',
    title: 'NetworkPolicies select some pod template',
    defaultSeverity: 'error',
    rationale: 'A NetworkPolicy whose podSelector matches nothing enforces nothing; the pods it was meant to isolate stay open, and the manifest suggests otherwise.',
    remediation: 'Make spec.podSelector match the pod template labels of the workloads it protects (an empty podSelector covers the whole namespace).',
    kinds: ['NetworkPolicy'],
    docs: 'docs/policies/network-policy-selects.md',
  },
  defaults: {},
  optionsSchema: { type: 'object', additionalProperties: false },
  check(ctx) {
    const out: PolicyFinding[] = [];
    const templates = templateIndex(ctx);
    for (const np of ctx.byKind('NetworkPolicy')) {
      if (np.id.group !== 'networking.k8s.io') continue;
      const selector = asSelector(child(np.object, 'spec')?.['podSelector']);
      if (!selector || isEmptySelector(selector)) continue;
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

export default policy;
