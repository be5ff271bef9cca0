import type { Policy } from '../scripts/policy/types.js';
import {
  containerSecurity,
  describeContainer,
  perContainer,
  POD_KINDS,
  podWorkloads,
} from '../scripts/policy/workloads.js';

const policy: Policy<Record<string, never>> = {
  meta: {
    id: 'not-privileged',
    title: 'Containers are not privileged',
    defaultSeverity: 'error',
    rationale:
      'A privileged container has every capability and all host devices; it is root on the node in all but name.',
    remediation:
      'Remove securityContext.privileged (or set it to false) and grant only the specific capability the process needs.',
    kinds: POD_KINDS,
    docs: 'docs/policies/not-privileged.md',
  },
  defaults: {},
  check(ctx) {
    return perContainer(
      podWorkloads(ctx),
      (w) => w.containers,
      (c) => {
        const p = containerSecurity(c, 'privileged');
        if (p.value !== true) return;
        return {
          pointer: p.pointer,
          message: `${describeContainer(c)} is privileged`,
          hint: 'remove securityContext.privileged',
        };
      },
    );
  },
};

export default policy;
