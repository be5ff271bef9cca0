import { budgetIndex } from '../scripts/policy/disruption.js';
import type { Policy, PolicyFinding } from '../scripts/policy/types.js';

const policy: Policy<Record<string, never>> = {
  meta: {
    id: 'pdb-matches-pods',
    title: 'PodDisruptionBudgets select some pods',
    defaultSeverity: 'error',
    rationale:
      'A budget whose selector matches no pod template protects nothing; it is usually a label typo or a leftover from a renamed workload, and the workload it was meant for is unprotected.',
    remediation:
      'Make spec.selector match the pod template labels of the workload it protects (all matchLabels and matchExpressions must hold), or delete the budget.',
    kinds: ['PodDisruptionBudget'],
    docs: 'docs/policies/pdb-matches-pods.md',
  },
  defaults: {},
  optionsSchema: { type: 'object', additionalProperties: false },
  check(ctx) {
    const out: PolicyFinding[] = [];
    for (const b of budgetIndex(ctx).budgets) {
      if (b.covers.length > 0) continue;
      out.push({
        subject: b.pdb,
        pointer: '/spec/selector',
        message: b.selector
          ? `selector matches no pod template in namespace "${b.pdb.id.namespace ?? ''}"`
          : 'has no spec.selector, so it selects no pods',
        hint: 'copy the labels from the pod template (spec.template.metadata.labels) of the workload it protects',
      });
    }
    return out;
  },
};

export default policy;
