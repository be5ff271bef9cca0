import { probeOf } from '../scripts/policy/probes.js';
import type { Policy } from '../scripts/policy/types.js';
import { describeContainer, perContainer, POD_KINDS, podWorkloads } from '../scripts/policy/workloads.js';

export interface Options {
  /** Longest liveness initialDelaySeconds accepted without a startup probe. */
  maxLivenessDelaySeconds: number;
}

const policy: Policy<Options> = {
  meta: {
    id: 'startup-probe',
    title: 'Slow starters use a startup probe instead of a long liveness delay',
    defaultSeverity: 'warning',
    rationale:
      'A long liveness initialDelaySeconds delays failure detection on every restart, forever; a startup probe waits only as long as the start actually takes and then hands over to liveness.',
    remediation:
      'Add a startupProbe (same check, failureThreshold × periodSeconds covering the worst start) and drop livenessProbe.initialDelaySeconds to a few seconds.',
    kinds: POD_KINDS,
    docs: 'docs/policies/startup-probe.md',
  },
  defaults: { maxLivenessDelaySeconds: 30 },
  optionsSchema: {
    type: 'object',
    properties: { maxLivenessDelaySeconds: { type: 'integer', minimum: 0 } },
    additionalProperties: false,
  },
  check(ctx) {
    const limit = ctx.options.maxLivenessDelaySeconds;
    return perContainer(
      podWorkloads(ctx),
      (w) => w.containers,
      (c) => {
        const live = probeOf(c, 'livenessProbe');
        const delay = live?.['initialDelaySeconds'];
        if (typeof delay !== 'number' || delay <= limit || probeOf(c, 'startupProbe')) return;
        return {
          pointer: `${c.pointer}/livenessProbe/initialDelaySeconds`,
          message: `${describeContainer(c)} delays its liveness probe by ${delay}s (more than ${limit}s) without a startup probe`,
          hint: 'add a startupProbe and shorten livenessProbe.initialDelaySeconds',
        };
      },
    );
  },
};

export default policy;
