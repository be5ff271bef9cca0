import { probeOf } from '../scripts/policy/probes.js';
import type { Policy, PolicyFinding } from '../scripts/policy/types.js';
import { describeContainer, longRunningContainers, podWorkloads } from '../scripts/policy/workloads.js';

const policy: Policy<Record<string, never>> = {
  meta: {
    id: 'liveness-probe',
    title: 'Long-running containers have a liveness probe',
    defaultSeverity: 'warning',
    rationale: 'A liveness probe lets the kubelet restart a container that is stuck but still running (a deadlock, a hung event loop); without one it stays broken until someone notices.',
    remediation: 'Add a livenessProbe to every app container and sidecar of a long-running workload that checks the process itself, not its dependencies, so a database outage does not restart every pod.',
    kinds: ['Pod', 'Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'ReplicationController'],
    docs: 'docs/policies/liveness-probe.md',
  },
  defaults: {},
  check(ctx) {
    const out: PolicyFinding[] = [];
    for (const w of podWorkloads(ctx)) {
      for (const c of longRunningContainers(w)) {
        if (probeOf(c, 'livenessProbe')) continue;
        out.push({
          subject: w.resource,
          pointer: `${c.pointer}/livenessProbe`,
          container: c.name,
          message: `${describeContainer(c)} has no liveness probe`,
          hint: 'add a livenessProbe (httpGet on a health endpoint, or tcpSocket on the serving port)',
        });
      }
    }
    return out;
  },
};

export default policy;
