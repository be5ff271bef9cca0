import type { Policy } from '../scripts/policy/types.js';
import { isObject } from '../scripts/core/resource.js';
import {
  describeContainer,
  effectiveSecurity,
  isWindows,
  perContainer,
  POD_KINDS,
  podWorkloads,
} from '../scripts/policy/workloads.js';

const ALLOWED = new Set(['RuntimeDefault', 'Localhost']);

const policy: Policy<Record<string, never>> = {
  meta: {
    id: 'seccomp-profile',
    title: 'Containers run under the RuntimeDefault or a Localhost seccomp profile',
    defaultSeverity: 'error',
    rationale:
      'Without a seccomp profile a container may call every syscall the kernel offers, including the rarely used ones most container escapes go through.',
    remediation:
      'Set securityContext.seccompProfile.type: RuntimeDefault on the pod (or Localhost with a reviewed profile); a container setting overrides the pod.',
    kinds: POD_KINDS,
    docs: 'docs/policies/seccomp-profile.md',
  },
  defaults: {},
  check(ctx) {
    const linux = podWorkloads(ctx).filter((w) => !isWindows(w));
    return perContainer(
      linux,
      (w) => w.containers,
      (c, w) => {
        const profile = effectiveSecurity(w, c, 'seccompProfile');
        const type = isObject(profile.value) ? profile.value['type'] : undefined;
        if (typeof type === 'string' && ALLOWED.has(type)) return;
        const where = profile.fromPod ? ' (from the pod securityContext)' : '';
        return {
          pointer:
            profile.value === undefined
              ? `${w.template.specPointer}/securityContext/seccompProfile`
              : `${profile.pointer}/type`,
          message:
            profile.value === undefined
              ? `${describeContainer(c)} has no seccomp profile (neither on the container nor the pod)`
              : `${describeContainer(c)} uses seccomp profile ${String(type)}${where}`,
          hint: 'set securityContext.seccompProfile.type: RuntimeDefault on the pod',
        };
      },
    );
  },
};

export default policy;
