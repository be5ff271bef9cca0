import { describe } from '../scripts/policy/scaling.js';
import { bindings, boundRole, isFullWildcard, roleRefOf, rulesOf } from '../scripts/policy/rbac.js';
import type { Policy, PolicyFinding } from '../scripts/policy/types.js';

const policy: Policy = {
  meta: {
    id: 'rbac-cluster-admin',
    title: 'Nothing is bound to cluster-admin or to a role that grants everything',
    defaultSeverity: 'error',
    rationale:
      'cluster-admin, or any role granting every verb on every resource, lets its subjects read every Secret and change every workload and permission in the cluster; a leaked token of such a subject is the whole cluster.',
    remediation:
      'Bind a role that lists the verbs, resources and API groups the subject needs; keep cluster-admin for break-glass access outside the application repository.',
    kinds: ['RoleBinding', 'ClusterRoleBinding', 'Role', 'ClusterRole'],
    docs: 'docs/policies/rbac-cluster-admin.md',
  },
  defaults: {},
  check(ctx) {
    const out: PolicyFinding[] = [];
    for (const b of bindings(ctx)) {
      const ref = roleRefOf(b);
      if (!ref) continue;
      if (ref.kind === 'ClusterRole' && ref.name === 'cluster-admin') {
        out.push({
          subject: b,
          pointer: '/roleRef/name',
          message: `${describe(b)} grants cluster-admin${b.kind === 'RoleBinding' ? ' within its namespace' : ''}`,
          hint: 'bind a role listing only the verbs and resources the subjects need',
        });
        continue;
      }
      const role = boundRole(ctx, b);
      const rule = role && rulesOf(role).find((r) => isFullWildcard(r.rule));
      if (rule)
        out.push({
          subject: b,
          pointer: '/roleRef/name',
          message: `${describe(b)} binds ${describe(role)}, which grants every verb on every resource (${rule.pointer}), as cluster-admin does`,
          hint: 'narrow the role’s rules, or bind another role',
        });
    }
    return out;
  },
};

export default policy;
