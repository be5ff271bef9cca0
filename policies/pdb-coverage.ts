import { budgetIndex } from '../scripts/policy/disruption.js';
import { describe, replicaRange, REPLICATED_KINDS, replicatedWorkloads } from '../scripts/policy/scaling.js';
import type { Policy, PolicyFinding } from '../scripts/policy/types.js';

const policy: Policy<Record<string, never>> = {
  meta: {
    id: 'pdb-coverage',
    title: 'Replicated workloads have a PodDisruptionBudget',
    defaultSeverity: 'error',
    rationale:
      'Without a PodDisruptionBudget a node drain or cluster upgrade may evict every replica of a service at once; running several replicas buys nothing if they can all go together.',
    remediation:
      'Add a PodDisruptionBudget in the same namespace whose selector matches the pod template labels, e.g. maxUnavailable: 1.',
    kinds: [...REPLICATED_KINDS, 'HorizontalPodAutoscaler', 'PodDisruptionBudget'],
    docs: 'docs/policies/pdb-coverage.md',
  },
  defaults: {},
  optionsSchema: { type: 'object', additionalProperties: false },
  check(ctx) {
    const out: PolicyFinding[] = [];
    const { byWorkload } = budgetIndex(ctx);
    for (const w of replicatedWorkloads(ctx)) {
      const range = replicaRange(ctx, w.resource);
      if (range.min <= 1 || byWorkload.has(w.resource)) continue;
      const why = range.hpa
        ? `${describe(range.hpa)} keeps at least ${range.min} replicas`
        : `it runs ${range.min} replicas`;
      // At the line that made the workload multi-replica: its replicas (an overlay's replicas entry or patch,
      // through provenance) or the autoscaler's minReplicas.
      out.push({
        subject: range.source,
        pointer: range.pointer,
        message: `no PodDisruptionBudget in namespace "${w.resource.id.namespace ?? ''}" selects the pods of ${describe(w.resource)} (${why})`,
        hint: 'add a PodDisruptionBudget whose selector matches the pod template labels, e.g. with maxUnavailable: 1',
      });
    }
    return out;
  },
};

export default policy;
