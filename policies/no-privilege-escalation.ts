import type { Policy } from '../scripts/policy/types.js';
import {
  containerSecurity,
  describeContainer,
  isWindows,
  perContainer,
  POD_KINDS,
  podWorkloads,
} from '../scripts/policy/workloads.js';

const policy: Policy<Record<string, never>> = {
  meta: {
    id: 'no-privilege-escalation',
    title: 'Containers set allowPrivilegeEscalation: false',
    defaultSeverity: 'error',
    rationale:
      'Unless allowPrivilegeEscalation is false, a setuid binary in the image can gain more privileges than the process started with (no_new_privs is off).',
    remediation: 'Set securityContext.allowPrivilegeEscalation: false on every container; leaving it unset means true.',
    kinds: POD_KINDS,
    docs: 'docs/policies/no-privilege-escalation.md',
  },
  defaults: {},
  check(ctx) {
    const linux = podWorkloads(ctx).filter((w) => !isWindows(w));
    return perContainer(
      linux,
      (w) => w.containers,
      (c) => {
        const ape = containerSecurity(c, 'allowPrivilegeEscalation');
        if (ape.value === false) return;
        return {
          pointer: ape.pointer,
          message:
            ape.value === true
              ? `${describeContainer(c)} sets allowPrivilegeEscalation: true`
              : `${describeContainer(c)} does not set allowPrivilegeEscalation: false (unset means allowed)`,
          hint: 'set securityContext.allowPrivilegeEscalation: false',
        };
      },
    );
  },
};

export default policy;
