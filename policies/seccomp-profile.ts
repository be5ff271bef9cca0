import type { Policy, PolicyFinding } from '../scripts/policy/types.js';
import { isObject } from '../scripts/core/resource.js';
import { describeContainer, effectiveSecurity, isWindows, POD_KINDS, podWorkloads } from '../scripts/policy/workloads.js';

const ALLOWED = new Set(['RuntimeDefault', 'Localhost']);

const policy: Policy<Record<string, never>> = {
  meta: {
    id: 'seccomp-profile',
    title: 'Containers run under the RuntimeDefault or a Localhost seccomp profile',
    defaultSeverity: 'error',
    rationale: 'Without a seccomp profile a container may call every syscall the kernel offers, including the rarely used ones most container escapes go through.',
    remediation: 'Set securityContext.seccompProfile.type: RuntimeDefault on the pod (or Localhost with a reviewed profile); a container setting overrides the pod.',
    kinds: POD_KINDS,
    docs: 'docs/policies/seccomp-profile.md',
  },
  defaults: {},
  check(ctx) {
    const out: PolicyFinding[] = [];
    for (const w of podWorkloads(ctx)) {
      if (isWindows(w)) continue;
      for (const c of w.containers) {
        const profile = effectiveSecurity(w, c, 'seccompProfile');
        const type = isObject(profile.value) ? profile.value['type'] : undefined;
        if (typeof type === 'string' && ALLOWED.has(type)) continue;
        const where = profile.fromPod ? ' (from the pod securityContext)' : '';
        out.push({
          subject: w.resource,
          pointer: profile.value === undefined ? `${w.template.specPointer}/securityContext/seccompProfile` : `${profile.pointer}/type`,
          container: c.name,
          message:
            profile.value === undefined
              ? `${describeContainer(c)} has no seccomp profile (neither on the container nor the pod)`
              : `${describeContainer(c)} uses seccomp profile ${String(type)}${where}`,
          hint: 'set securityContext.seccompProfile.type: RuntimeDefault on the pod',
        });
      }
    }
    return out;
  },
};

export default policy;
