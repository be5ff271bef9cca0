import type { Policy, PolicyFinding } from '../scripts/policy/types.js';
import { describeContainer, effectiveSecurity, POD_KINDS, podWorkloads } from '../scripts/policy/workloads.js';

const policy: Policy<Record<string, never>> = {
  meta: {
    id: 'run-as-non-root',
    title: 'Containers run as a non-root user',
    defaultSeverity: 'error',
    rationale: 'A process running as UID 0 inside a container is root on the node the moment it escapes; the kubelet only refuses root when runAsNonRoot is true.',
    remediation: 'Set securityContext.runAsNonRoot: true (on the pod or the container) and, if you set runAsUser, a non-zero UID.',
    kinds: POD_KINDS,
    docs: 'docs/policies/run-as-non-root.md',
  },
  defaults: {},
  check(ctx) {
    const out: PolicyFinding[] = [];
    for (const w of podWorkloads(ctx)) {
      for (const c of w.containers) {
        const user = effectiveSecurity(w, c, 'runAsUser');
        if (user.value === 0) {
          out.push({
            subject: w.resource,
            pointer: user.pointer,
            container: c.name,
            message: `${describeContainer(c)} runs as UID 0${user.fromPod ? ' (from the pod securityContext)' : ''}`,
            hint: 'set runAsUser to a non-zero UID',
          });
          continue;
        }
        const nonRoot = effectiveSecurity(w, c, 'runAsNonRoot');
        if (nonRoot.value !== true) {
          out.push({
            subject: w.resource,
            pointer: nonRoot.pointer,
            container: c.name,
            message:
              nonRoot.value === false
                ? `${describeContainer(c)} sets runAsNonRoot: false${nonRoot.fromPod ? ' (from the pod securityContext)' : ''}`
                : `${describeContainer(c)} does not set runAsNonRoot: true (neither on the container nor the pod)`,
            hint: 'set securityContext.runAsNonRoot: true on the pod or the container',
          });
        }
      }
    }
    return out;
  },
};

export default policy;
