import { probeOf } from '../scripts/policy/probes.js';
import type { Policy } from '../scripts/policy/types.js';
import { describeContainer, longRunningContainers, perContainer, podWorkloads } from '../scripts/policy/workloads.js';

const policy: Policy<Record<string, never>> = {
  meta: {
    id: 'readiness-probe',
    title: 'Long-running containers have a readiness probe',
    defaultSeverity: 'error',
    rationale:
      'Without a readiness probe a pod receives traffic as soon as its process starts, before it can serve, and keeps receiving it while it is overloaded or draining.',
    remediation:
      'Add a readinessProbe to every app container and sidecar of a long-running workload, checking that the process can serve (an HTTP health endpoint or its port).',
    kinds: ['Pod', 'Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'ReplicationController'],
    docs: 'docs/policies/readiness-probe.md',
  },
  defaults: {},
  check(ctx) {
    return perContainer(podWorkloads(ctx), longRunningContainers, (c) => {
      if (probeOf(c, 'readinessProbe')) return;
      return {
        pointer: `${c.pointer}/readinessProbe`,
        message: `${describeContainer(c)} has no readiness probe`,
        hint: 'add a readinessProbe (httpGet on a health endpoint, or tcpSocket on the serving port)',
      };
    });
  },
};

export default policy;
