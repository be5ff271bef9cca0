import type { Deployment } from 'kubernetes-types/apps/v1.js';
import { manifest, sub } from '../scripts/core/manifest.js';
import type { JsonValue } from '../scripts/core/resource.js';
import { replicaRange } from '../scripts/policy/scaling.js';
import type { Policy, PolicyFinding } from '../scripts/policy/types.js';

export interface Options {
  /** Environments where a rollout must never go below the running capacity. */
  environments: string[];
}

const policy: Policy<Options> = {
  meta: {
    id: 'rolling-update-capacity',
    title: 'Rollouts keep full capacity in production',
    defaultSeverity: 'error',
    rationale:
      'A Recreate strategy stops every pod before starting new ones, and a rolling update with maxUnavailable above zero takes pods out before their replacements are ready; either serves traffic with less capacity than planned during every deploy.',
    remediation:
      'Use strategy.type RollingUpdate with rollingUpdate.maxUnavailable: 0 and a maxSurge of at least 1 (or a percentage that rounds up to one pod).',
    kinds: ['Deployment', 'HorizontalPodAutoscaler'],
    docs: 'docs/policies/rolling-update-capacity.md',
  },
  defaults: { environments: ['production'] },
  optionsSchema: {
    type: 'object',
    properties: { environments: { type: 'array', items: { type: 'string' } } },
    additionalProperties: false,
  },
  check(ctx) {
    if (!ctx.options.environments.includes(ctx.env.name)) return [];
    const out: PolicyFinding[] = [];
    for (const d of ctx.byKind('Deployment')) {
      if (d.id.group !== 'apps') continue;
      const strategy = sub(sub(manifest<Deployment>(d), 'spec'), 'strategy');
      if (strategy?.type === 'Recreate') {
        out.push({
          subject: d,
          pointer: '/spec/strategy/type',
          message: `uses the Recreate strategy: every pod stops before a new one starts`,
          hint: 'use type: RollingUpdate with rollingUpdate.maxUnavailable: 0',
        });
        continue;
      }
      const replicas = replicaRange(ctx, d).min;
      if (replicas <= 0) continue;
      const rolling = sub(strategy, 'rollingUpdate');
      const rawUnavailable = (rolling?.maxUnavailable ?? '25%') as JsonValue;
      const rawSurge = (rolling?.maxSurge ?? '25%') as JsonValue;
      // The deployment controller rounds maxUnavailable down and maxSurge up; if both come to zero it uses one unavailable pod.
      const unavailable = scale(rawUnavailable, replicas, Math.floor);
      const surge = scale(rawSurge, replicas, Math.ceil);
      if (unavailable === undefined || surge === undefined) continue;
      const effective = unavailable === 0 && surge === 0 ? 1 : unavailable;
      if (effective === 0) continue;
      const explicit = rolling?.['maxUnavailable'] !== undefined;
      out.push({
        subject: d,
        pointer:
          explicit || effective === unavailable
            ? '/spec/strategy/rollingUpdate/maxUnavailable'
            : '/spec/strategy/rollingUpdate/maxSurge',
        message:
          effective === unavailable
            ? `maxUnavailable ${String(rawUnavailable)}${explicit ? '' : ' (the default)'} takes ${effective} of ${replicas} pods down during a rollout`
            : `maxSurge ${String(rawSurge)} and maxUnavailable ${String(rawUnavailable)} both round to 0 at ${replicas} replicas, so the controller takes a pod down during a rollout`,
        hint: 'set strategy.rollingUpdate.maxUnavailable: 0 and maxSurge: 1',
      });
    }
    return out;
  },
};

function scale(value: JsonValue, total: number, round: (n: number) => number): number | undefined {
  if (typeof value === 'number' && Number.isInteger(value)) return value;
  if (typeof value !== 'string') return undefined;
  const m = /^(\d+)%$/.exec(value.trim());
  if (m) return round((Number(m[1]) * total) / 100);
  return /^\d+$/.test(value.trim()) ? Number(value.trim()) : undefined;
}

export default policy;
