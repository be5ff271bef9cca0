import { describe } from '../scripts/policy/scaling.js';
import { entryPointer, listOf, roles, rulesOf } from '../scripts/policy/rbac.js';
import type { Policy, PolicyFinding } from '../scripts/policy/types.js';

const FIELDS = ['verbs', 'resources', 'apiGroups'] as const;

const policy: Policy = {
  meta: {
    id: 'rbac-wildcards',
    title: 'RBAC rules name their verbs, resources and API groups',
    defaultSeverity: 'error',
    rationale:
      'A `*` grants whatever exists now and whatever is added later (new verbs, new resources, new CRDs), so a role reviewed as harmless today can grant Secrets or impersonation tomorrow.',
    remediation: 'Replace each `*` with the verbs, resources or API groups the subject uses.',
    kinds: ['Role', 'ClusterRole'],
    docs: 'docs/policies/rbac-wildcards.md',
  },
  defaults: {},
  check(ctx) {
    const out: PolicyFinding[] = [];
    for (const role of roles(ctx)) {
      for (const ref of rulesOf(role)) {
        for (const field of FIELDS) {
          if (!listOf(ref.rule, field).includes('*')) continue;
          out.push({
            subject: role,
            pointer: entryPointer(ref, field, '*'),
            message: `${describe(role)} grants ${field} "*" (${ref.pointer})`,
            hint: `list the ${field} the subjects need`,
          });
        }
      }
    }
    return out;
  },
};

export default policy;
