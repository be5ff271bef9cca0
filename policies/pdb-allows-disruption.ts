import { allowedDisruptions, budgetIndex } from '../scripts/policy/disruption.js';
import { describe, isReplicated, replicaRange, REPLICATED_KINDS } from '../scripts/policy/scaling.js';
import type { Policy, PolicyFinding } from '../scripts/policy/types.js';

const policy: Policy<Record<string, never>> = {
  meta: {
    id: 'pdb-allows-disruption',
    title: 'PodDisruptionBudgets allow at least one eviction',
    defaultSeverity: 'error',
    rationale:
      'A budget that allows no disruption when the workload runs at its minimum replica count blocks every node drain: cluster upgrades hang until someone deletes the budget by hand.',
    remediation:
      'Use maxUnavailable: 1 (or a percentage that rounds up to at least one pod), or a minAvailable below the minimum replica count.',
    kinds: ['PodDisruptionBudget', ...REPLICATED_KINDS, 'HorizontalPodAutoscaler'],
    docs: 'docs/policies/pdb-allows-disruption.md',
  },
  defaults: {},
  optionsSchema: { type: 'object', additionalProperties: false },
  check(ctx) {
    const out: PolicyFinding[] = [];
    for (const b of budgetIndex(ctx).budgets) {
      // The disruption controller expects the sum of the matched controllers' scale.
      const scaled = b.covers.filter((w) => isReplicated(w.resource) || w.resource.kind === 'ReplicaSet');
      if (scaled.length === 0) continue;
      const total = scaled.reduce((n, w) => n + replicaRange(ctx, w.resource).min, 0);
      // Scaled to zero (an overlay switching a component off): no pods, so nothing for a drain to wait on.
      if (total === 0) continue;
      const allowance = allowedDisruptions(b.pdb, total);
      if (!allowance || allowance.allowed > 0) continue;
      const names = scaled.map((w) => describe(w.resource)).join(', ');
      out.push({
        subject: b.pdb,
        pointer: `/spec/${allowance.field}`,
        message: `${allowance.field}: ${String(allowance.value)} allows no eviction when ${names} run${scaled.length === 1 ? 's' : ''} at ${total} replica${total === 1 ? '' : 's'}, so node drains block`,
        hint: 'use maxUnavailable: 1, or a minAvailable below the minimum replica count',
      });
    }
    return out;
  },
};

export default policy;
