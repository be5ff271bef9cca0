import { probeOf } from '../scripts/policy/probes.js';
import type { Policy, PolicyFinding } from '../scripts/policy/types.js';
import { describeContainer, longRunningContainers, podWorkloads } from '../scripts/policy/workloads.js';

const policy: Policy<Record<string, never>> = {
  meta: {
    id: 'readiness-probe',
    title: 'Long-running containers have a readiness probe',
    defaultSeverity: 'error',
    rationale: 'Without a readiness probe a pod receives traffic as soon as its process starts, before it can serve, and keeps receiving it while it is overloaded or draining.',
    remediation: 'Add a readinessProbe to every app container and sidecar of a long-running workload, checking that the process can serve (an HTTP health endpoint or its port).',
    kinds: ['Pod', 'Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'ReplicationController'],
    docs: 'docs/policies/readiness-probe.md',
  },
  defaults: {},
  check(ctx) {
    const out: PolicyFinding[] = [];
    for (const w of podWorkloads(ctx)) {
      for (const c of longRunningContainers(w)) {
        if (probeOf(c, 'readinessProbe')) continue;
        out.push({
          subject: w.resource,
          pointer: `${c.pointer}/readinessProbe`,
          container: c.name,
          message: `${describeContainer(c)} has no readiness probe`,
          hint: 'add a readinessProbe (httpGet on a health endpoint, or tcpSocket on the serving port)',
        });
      }
    }
    return out;
  },
};

export default policy;
