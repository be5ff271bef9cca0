import type { Policy } from '../scripts/policy/types.js';
import {
  describeContainer,
  effectiveSecurity,
  perContainer,
  POD_KINDS,
  podWorkloads,
} from '../scripts/policy/workloads.js';

const policy: Policy<Record<string, never>> = {
  meta: {
    id: 'run-as-non-root',
    title: 'Containers run as a non-root user',
    defaultSeverity: 'error',
    rationale:
      'A process running as UID 0 inside a container is root on the node the moment it escapes; the kubelet only refuses root when runAsNonRoot is true.',
    remediation:
      'Set securityContext.runAsNonRoot: true (on the pod or the container) and, if you set runAsUser, a non-zero UID.',
    kinds: POD_KINDS,
    docs: 'docs/policies/run-as-non-root.md',
  },
  defaults: {},
  check(ctx) {
    return perContainer(
      podWorkloads(ctx),
      (w) => w.containers,
      (c, w) => {
        const user = effectiveSecurity(w, c, 'runAsUser');
        if (user.value === 0) {
          return {
            pointer: user.pointer,
            message: `${describeContainer(c)} runs as UID 0${user.fromPod ? ' (from the pod securityContext)' : ''}`,
            hint: 'set runAsUser to a non-zero UID',
          };
        }
        const nonRoot = effectiveSecurity(w, c, 'runAsNonRoot');
        if (nonRoot.value === true) return;
        return {
          pointer: nonRoot.pointer,
          message:
            nonRoot.value === false
              ? `${describeContainer(c)} sets runAsNonRoot: false${nonRoot.fromPod ? ' (from the pod securityContext)' : ''}`
              : `${describeContainer(c)} does not set runAsNonRoot: true (neither on the container nor the pod)`,
          hint: 'set securityContext.runAsNonRoot: true on the pod or the container',
        };
      },
    );
  },
};

export default policy;
