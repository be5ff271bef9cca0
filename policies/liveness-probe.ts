import { probeOf } from '../scripts/policy/probes.js';
import type { Policy } from '../scripts/policy/types.js';
import { describeContainer, longRunningContainers, perContainer, podWorkloads } from '../scripts/policy/workloads.js';

const policy: Policy<Record<string, never>> = {
  meta: {
    id: 'liveness-probe',
    title: 'Long-running containers have a liveness probe',
    defaultSeverity: 'warning',
    rationale:
      'A liveness probe lets the kubelet restart a container that is stuck but still running (a deadlock, a hung event loop); without one it stays broken until someone notices.',
    remediation:
      'Add a livenessProbe to every app container and sidecar of a long-running workload that checks the process itself, not its dependencies, so a database outage does not restart every pod.',
    kinds: ['Pod', 'Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'ReplicationController'],
    docs: 'docs/policies/liveness-probe.md',
  },
  defaults: {},
  check(ctx) {
    return perContainer(podWorkloads(ctx), longRunningContainers, (c) => {
      if (probeOf(c, 'livenessProbe')) return;
      return {
        pointer: `${c.pointer}/livenessProbe`,
        message: `${describeContainer(c)} has no liveness probe`,
        hint: 'add a livenessProbe (httpGet on a health endpoint, or tcpSocket on the serving port)',
      };
    });
  },
};

export default policy;
