import type { Policy, PolicyFinding } from '../scripts/policy/types.js';
import { containerSecurity, describeContainer, isWindows, POD_KINDS, podWorkloads } from '../scripts/policy/workloads.js';

const policy: Policy<Record<string, never>> = {
  meta: {
    id: 'no-privilege-escalation',
    title: 'Containers set allowPrivilegeEscalation: false',
    defaultSeverity: 'error',
    rationale: 'Unless allowPrivilegeEscalation is false, a setuid binary in the image can gain more privileges than the process started with (no_new_privs is off).',
    remediation: 'Set securityContext.allowPrivilegeEscalation: false on every container; leaving it unset means true.',
    kinds: POD_KINDS,
    docs: 'docs/policies/no-privilege-escalation.md',
  },
  defaults: {},
  check(ctx) {
    const out: PolicyFinding[] = [];
    for (const w of podWorkloads(ctx)) {
      if (isWindows(w)) continue;
      for (const c of w.containers) {
        const ape = containerSecurity(c, 'allowPrivilegeEscalation');
        if (ape.value === false) continue;
        out.push({
          subject: w.resource,
          pointer: ape.pointer,
          container: c.name,
          message:
            ape.value === true
              ? `${describeContainer(c)} sets allowPrivilegeEscalation: true`
              : `${describeContainer(c)} does not set allowPrivilegeEscalation: false (unset means allowed)`,
          hint: 'set securityContext.allowPrivilegeEscalation: false',
        });
      }
    }
    return out;
  },
};

export default policy;
