import { isObject } from '../scripts/core/resource.js';
import { describe } from '../scripts/policy/scaling.js';
import { bindings } from '../scripts/policy/rbac.js';
import type { Policy, PolicyFinding } from '../scripts/policy/types.js';

const policy: Policy = {
  meta: {
    id: 'rbac-default-service-account',
    title: 'No role is bound to a namespace’s default ServiceAccount',
    defaultSeverity: 'error',
    rationale:
      'Every pod that names no ServiceAccount runs as `default`: a role bound to it is granted to every such pod in the namespace, present and future, not to the one workload that needed it.',
    remediation:
      'Create a ServiceAccount for the workload, bind the role to it, and set serviceAccountName in the pod template.',
    kinds: ['RoleBinding', 'ClusterRoleBinding'],
    docs: 'docs/policies/rbac-default-service-account.md',
  },
  defaults: {},
  check(ctx) {
    const out: PolicyFinding[] = [];
    for (const b of bindings(ctx)) {
      const subjects = b.object['subjects'];
      if (!Array.isArray(subjects)) continue;
      subjects.forEach((s, i) => {
        if (!isObject(s) || s['kind'] !== 'ServiceAccount' || s['name'] !== 'default') return;
        const ns = typeof s['namespace'] === 'string' ? s['namespace'] : (b.id.namespace ?? '?');
        out.push({
          subject: b,
          pointer: `/subjects/${i}/name`,
          message: `${describe(b)} grants its role to the default ServiceAccount of namespace ${ns}, so to every pod there that names no ServiceAccount`,
          hint: 'bind a ServiceAccount of the workload’s own',
        });
      });
    }
    return out;
  },
};

export default policy;
