import type { HorizontalPodAutoscaler } from 'kubernetes-types/autoscaling/v2.js';
import { manifest, sub } from '../scripts/core/manifest.js';
import type { Policy, PolicyFinding } from '../scripts/policy/types.js';

export interface Options {
  /** Environments where the floor applies. */
  environments: string[];
  /** The lowest minReplicas accepted there. */
  minimum: number;
}

const policy: Policy<Options> = {
  meta: {
    id: 'hpa-min-replicas',
    title: 'HorizontalPodAutoscalers keep at least two replicas in production',
    defaultSeverity: 'error',
    rationale:
      'An autoscaler that may scale down to one replica leaves the service with a single point of failure during quiet hours, exactly when node maintenance usually runs.',
    remediation: 'Set spec.minReplicas to at least 2 (the configured minimum) in the production overlay.',
    kinds: ['HorizontalPodAutoscaler'],
    docs: 'docs/policies/hpa-min-replicas.md',
  },
  defaults: { environments: ['production'], minimum: 2 },
  optionsSchema: {
    type: 'object',
    properties: {
      environments: { type: 'array', items: { type: 'string' } },
      minimum: { type: 'integer', minimum: 1 },
    },
    additionalProperties: false,
  },
  check(ctx) {
    if (!ctx.options.environments.includes(ctx.env.name)) return [];
    const out: PolicyFinding[] = [];
    for (const hpa of ctx.byKind('HorizontalPodAutoscaler')) {
      if (hpa.id.group !== 'autoscaling') continue;
      const min = sub(manifest<HorizontalPodAutoscaler>(hpa), 'spec')?.minReplicas;
      const value = typeof min === 'number' ? min : 1;
      if (value >= ctx.options.minimum) continue;
      out.push({
        subject: hpa,
        pointer: '/spec/minReplicas',
        message: `minReplicas is ${value}${typeof min === 'number' ? '' : ' (unset)'}; ${ctx.env.name} requires at least ${ctx.options.minimum}`,
        hint: `set spec.minReplicas: ${ctx.options.minimum}`,
      });
    }
    return out;
  },
};

export default policy;
