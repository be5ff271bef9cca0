import type { Resource } from '../scripts/core/resource.js';
import { budgetIndex } from '../scripts/policy/disruption.js';
import { describe } from '../scripts/policy/scaling.js';
import type { Policy, PolicyFinding } from '../scripts/policy/types.js';

const policy: Policy<Record<string, never>> = {
  meta: {
    id: 'pdb-overlap',
    title: 'Pods are covered by at most one PodDisruptionBudget',
    defaultSeverity: 'error',
    rationale:
      'The eviction API refuses to evict a pod that more than one budget covers, so overlapping budgets block node drains just like a budget that allows nothing.',
    remediation: 'Narrow the selectors so each pod template is matched by exactly one budget, or merge the budgets.',
    kinds: ['PodDisruptionBudget'],
    docs: 'docs/policies/pdb-overlap.md',
  },
  defaults: {},
  optionsSchema: { type: 'object', additionalProperties: false },
  check(ctx) {
    const out: PolicyFinding[] = [];
    const { budgets, byWorkload } = budgetIndex(ctx);
    const order = new Map(budgets.map((b, i) => [b.pdb, i]));
    const coverSets = new Map<Resource, Set<Resource>>();
    const coveredBy = (w: Resource): Set<Resource> => {
      let set = coverSets.get(w);
      if (!set) coverSets.set(w, (set = new Set((byWorkload.get(w) ?? []).map((b) => b.pdb))));
      return set;
    };
    // One finding per pair, on the later budget, naming the workloads both cover. Scanning stops once a
    // budget is known to overlap more than MAX_PAIRS earlier ones, so a namespace of copies stays linear.
    for (const budget of budgets) {
      const mine = order.get(budget.pdb)!;
      const earlier: Resource[] = [];
      let more = false;
      scan: for (const w of budget.covers) {
        // Each workload's budgets are in render order: past this budget, every other one comes later.
        for (const other of byWorkload.get(w.resource) ?? []) {
          if (order.get(other.pdb)! >= mine) break;
          if (earlier.includes(other.pdb)) continue;
          if (earlier.length === MAX_PAIRS) {
            more = true;
            break scan;
          }
          earlier.push(other.pdb);
        }
      }
      earlier.sort((a, b) => order.get(a)! - order.get(b)!);
      earlier.forEach((other, i) => {
        const shared = budget.covers.filter((w) => coveredBy(w.resource).has(other));
        const last = i === earlier.length - 1;
        out.push({
          subject: budget.pdb,
          pointer: '/spec/selector',
          message: `selects the same pods as PodDisruptionBudget ${other.id.name} (${listed(shared.map((w) => describe(w.resource)))}); the eviction API refuses pods with more than one budget${last && more ? `; it overlaps more budgets than these ${MAX_PAIRS}` : ''}`,
          hint: 'narrow one selector or merge the two budgets',
        });
      });
    }
    return out;
  },
};

const MAX_PAIRS = 3;
const MAX_LISTED = 5;

function listed(names: string[]): string {
  return names.length <= MAX_LISTED
    ? names.join(', ')
    : `${names.slice(0, MAX_LISTED).join(', ')} and ${names.length - MAX_LISTED} more`;
}

export default policy;
