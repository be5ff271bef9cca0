import { describe } from 'vitest';
import policy from '../../policies/rbac-escalation-verbs.js';
import { table } from './harness.js';
import { role } from './rbac-fixtures.js';

describe('rbac-escalation-verbs', () => {
  table(policy, {
    valid: [
      {
        name: 'ordinary verbs',
        yaml: role(`  - { apiGroups: [rbac.authorization.k8s.io], resources: [roles], verbs: [get, list] }`),
      },
    ],
    invalid: [
      {
        name: 'escalate and bind on roles, impersonate on users',
        yaml: role(
          `  - { apiGroups: [rbac.authorization.k8s.io], resources: [roles, rolebindings], verbs: [get, escalate, bind] }\n  - { apiGroups: [""], resources: [users, serviceaccounts], verbs: [impersonate] }`,
          'ClusterRole',
        ),
        findings: [
          { pointer: '/rules/0/verbs/1', message: 'ClusterRole app grants escalate' },
          { pointer: '/rules/0/verbs/2', message: 'grants bind' },
          { pointer: '/rules/1/verbs/0', message: 'act as another user' },
        ],
      },
    ],
  });
});
