import { probeOf } from '../scripts/policy/probes.js';
import type { Policy, PolicyFinding } from '../scripts/policy/types.js';
import { describeContainer, POD_KINDS, podWorkloads } from '../scripts/policy/workloads.js';

export interface Options {
  /** Longest liveness initialDelaySeconds accepted without a startup probe. */
  maxLivenessDelaySeconds: number;
}

const policy: Policy<Options> = {
  meta: {
    id: 'startup-probe',
    title: 'Slow starters use a startup probe instead of a long liveness delay',
    defaultSeverity: 'warning',
    rationale: 'A long liveness initialDelaySeconds delays failure detection on every restart, forever; a startup probe waits only as long as the start actually takes and then hands over to liveness.',
    remediation: 'Add a startupProbe (same check, failureThreshold × periodSeconds covering the worst start) and drop livenessProbe.initialDelaySeconds to a few seconds.',
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
    const out: PolicyFinding[] = [];
    for (const w of podWorkloads(ctx)) {
      for (const c of w.containers) {
        const live = probeOf(c, 'livenessProbe');
        const delay = live?.['initialDelaySeconds'];
        if (typeof delay !== 'number' || delay <= limit || probeOf(c, 'startupProbe')) continue;
        out.push({
          subject: w.resource,
          pointer: `${c.pointer}/livenessProbe/initialDelaySeconds`,
          container: c.name,
          message: `${describeContainer(c)} delays its liveness probe by ${delay}s (more than ${limit}s) without a startup probe`,
          hint: 'add a startupProbe and shorten livenessProbe.initialDelaySeconds',
        });
      }
    }
    return out;
  },
};

export default policy;
