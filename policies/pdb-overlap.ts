import type { Resource } from '../scripts/core/resource.js';
import { budgetIndex } from '../scripts/policy/disruption.js';
import { describe } from '../scripts/policy/scaling.js';
import type { Policy, PolicyFinding } from '../scripts/policy/types.js';

const policy: Policy<Record<string, never>> = {
  meta: {
    id: 'pdb-overlap',
    title: 'Pods are covered by at most one PodDisruptionBudget',
    defaultSeverity: 'error',
    rationale: 'The eviction API refuses to evict a pod that more than one budget covers, so overlapping budgets block node drains just like a budget that allows nothing.',
    remediation: 'Narrow the selectors so each pod template is matched by exactly one budget, or merge the budgets.',
    kinds: ['PodDisruptionBudget'],
    docs: 'docs/policies/pdb-overlap.md',
  },
  defaults: {},
  optionsSchema: { type: 'object', additionalProperties: false },
  check(ctx) {
    const out: PolicyFinding[] = [];
    // One finding per pair of budgets, on the later one, naming every workload both cover.
    const pairs = new Map<string, { later: Resource; earlier: Resource; workloads: string[] }>();
    for (const [workload, budgets] of budgetIndex(ctx).byWorkload) {
      for (let i = 1; i < budgets.length; i++) {
        for (let j = 0; j < i; j++) {
          const later = budgets[i]!.pdb;
          const earlier = budgets[j]!.pdb;
          const key = `${earlier.id.namespace}/${earlier.id.name}\u0000${later.id.name}`;
          const pair = pairs.get(key);
          if (pair) pair.workloads.push(describe(workload));
          else pairs.set(key, { later, earlier, workloads: [describe(workload)] });
        }
      }
    }
    for (const { later, earlier, workloads } of pairs.values()) {
      out.push({
        subject: later,
        pointer: '/spec/selector',
        message: `selects the same pods as PodDisruptionBudget ${earlier.id.name} (${workloads.join(', ')}); the eviction API refuses pods with more than one budget`,
        hint: 'narrow one selector or merge the two budgets',
      });
    }
    return out;
  },
};

export default policy;
