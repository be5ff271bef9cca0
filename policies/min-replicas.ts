import { describe, replicaRange, REPLICATED_KINDS, replicatedWorkloads } from '../scripts/policy/scaling.js';
import type { Policy, PolicyFinding } from '../scripts/policy/types.js';

export interface Options {
  /** Fewest replicas a serving workload may run in the environment. */
  min: number;
}

const policy: Policy<Options> = {
  meta: {
    id: 'min-replicas',
    title: 'Serving workloads run at least the environment’s minimum replica count',
    defaultSeverity: 'error',
    rationale:
      'One replica means every rollout, node drain or crash is an outage. The minimum differs per environment (one is fine in a preview, production wants two or three), so it is set per environment.',
    remediation:
      'Raise spec.replicas (usually with a replicas entry in the overlay’s kustomization), or the HorizontalPodAutoscaler’s minReplicas.',
    kinds: [...REPLICATED_KINDS, 'HorizontalPodAutoscaler'],
    docs: 'docs/policies/min-replicas.md',
  },
  defaults: { min: 1 },
  optionsSchema: {
    type: 'object',
    properties: { min: { type: 'integer', minimum: 1 } },
    additionalProperties: false,
  },
  check(ctx) {
    const out: PolicyFinding[] = [];
    for (const w of replicatedWorkloads(ctx)) {
      const range = replicaRange(ctx, w.resource);
      // Scaled to zero on purpose: an overlay switching a component off.
      if (range.min === 0 && !range.hpa) continue;
      if (range.min >= ctx.options.min) continue;
      out.push({
        subject: range.source,
        pointer: range.pointer,
        message: `${describe(w.resource)} runs ${range.min} replica${range.min === 1 ? '' : 's'}${range.hpa ? ` at least (${describe(range.hpa)} minReplicas)` : ''}; ${ctx.env.name} requires at least ${ctx.options.min}`,
        hint: range.hpa
          ? `set minReplicas to ${ctx.options.min}`
          : `set replicas to ${ctx.options.min} (a replicas entry in the overlay)`,
      });
    }
    return out;
  },
};

export default policy;
