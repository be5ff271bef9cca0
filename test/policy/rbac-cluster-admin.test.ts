import { describe } from 'vitest';
import policy from '../../policies/rbac-cluster-admin.js';
import { table } from './harness.js';
import { binding, role } from './rbac-fixtures.js';

describe('rbac-cluster-admin', () => {
  table(policy, {
    valid: [
      { name: 'a binding to the built-in view role', yaml: binding('view') },
      {
        name: 'system: objects belong to the control plane',
        yaml: binding('cluster-admin', { kind: 'ClusterRoleBinding', name: 'system:masters-admin' }),
      },
      {
        name: 'a binding to a narrow role in the render',
        yaml:
          role(`  - { apiGroups: [""], resources: [configmaps], verbs: [get] }`) +
          '---\n' +
          binding('app', { roleKind: 'Role' }),
      },
      {
        name: 'a full-wildcard role nobody binds (rbac-wildcards reports it)',
        yaml: role(`  - { apiGroups: ["*"], resources: ["*"], verbs: ["*"] }`),
      },
    ],
    invalid: [
      {
        name: 'every ordinary verb listed on every resource is cluster-admin too',
        yaml:
          role(
            `  - { apiGroups: ["*"], resources: ["*"], verbs: [get, list, watch, create, update, patch, delete] }`,
            'ClusterRole',
            'ops',
          ) +
          '---\n' +
          binding('ops', { kind: 'ClusterRoleBinding' }),
        findings: [{ pointer: '/roleRef/name', message: 'as cluster-admin does' }],
      },
      {
        name: 'a ClusterRoleBinding to cluster-admin',
        yaml: binding('cluster-admin', { kind: 'ClusterRoleBinding' }),
        findings: [
          {
            pointer: '/roleRef/name',
            message: 'ClusterRoleBinding app grants cluster-admin',
            resource: 'ClusterRoleBinding/app',
          },
        ],
      },
      {
        name: 'a RoleBinding to cluster-admin (admin of the namespace)',
        yaml: binding('cluster-admin'),
        findings: [{ pointer: '/roleRef/name', message: 'within its namespace' }],
      },
      {
        name: 'a binding to a role of the render that grants everything',
        yaml:
          role(
            `  - { apiGroups: [""], resources: [pods], verbs: [get] }\n  - { apiGroups: ["*"], resources: ["*"], verbs: ["*"] }`,
            'ClusterRole',
            'god',
          ) +
          '---\n' +
          binding('god', { kind: 'ClusterRoleBinding' }),
        findings: [
          {
            pointer: '/roleRef/name',
            message: 'binds ClusterRole god, which grants every verb on every resource (/rules/1)',
          },
        ],
      },
    ],
  });
});
