import type { Policy, PolicyFinding } from '../scripts/policy/types.js';
import { containerSecurity, describeContainer, POD_KINDS, podWorkloads } from '../scripts/policy/workloads.js';

const policy: Policy<Record<string, never>> = {
  meta: {
    id: 'not-privileged',
    title: 'Containers are not privileged',
    defaultSeverity: 'error',
    rationale: 'A privileged container has every capability and all host devices; it is root on the node in all but name.',
    remediation: 'Remove securityContext.privileged (or set it to false) and grant only the specific capability the process needs.',
    kinds: POD_KINDS,
    docs: 'docs/policies/not-privileged.md',
  },
  defaults: {},
  check(ctx) {
    const out: PolicyFinding[] = [];
    for (const w of podWorkloads(ctx)) {
      for (const c of w.containers) {
        const p = containerSecurity(c, 'privileged');
        if (p.value !== true) continue;
        out.push({ subject: w.resource, pointer: p.pointer, container: c.name, message: `${describeContainer(c)} is privileged`, hint: 'remove securityContext.privileged' });
      }
    }
    return out;
  },
};

export default policy;
