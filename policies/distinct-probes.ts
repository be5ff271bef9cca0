import { jsonEqual, probeOf } from '../scripts/policy/probes.js';
import type { Policy } from '../scripts/policy/types.js';
import { describeContainer, perContainer, POD_KINDS, podWorkloads } from '../scripts/policy/workloads.js';

const policy: Policy<Record<string, never>> = {
  meta: {
    id: 'distinct-probes',
    title: 'Liveness and readiness probes differ',
    defaultSeverity: 'warning',
    rationale:
      'With identical probes, the moment a pod stops being ready the kubelet also restarts it, so a brief overload turns into a restart storm instead of shedding traffic.',
    remediation:
      'Make the liveness probe more tolerant than the readiness probe (a higher failureThreshold or a cheaper endpoint that checks only the process itself).',
    kinds: POD_KINDS,
    docs: 'docs/policies/distinct-probes.md',
  },
  defaults: {},
  check(ctx) {
    return perContainer(
      podWorkloads(ctx),
      (w) => w.containers,
      (c) => {
        const live = probeOf(c, 'livenessProbe');
        const ready = probeOf(c, 'readinessProbe');
        if (!live || !ready || !jsonEqual(live, ready)) return;
        return {
          pointer: `${c.pointer}/livenessProbe`,
          message: `${describeContainer(c)} has identical liveness and readiness probes`,
          hint: 'raise the liveness failureThreshold or probe a lighter endpoint',
        };
      },
    );
  },
};

export default policy;
