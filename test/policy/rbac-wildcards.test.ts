import { describe } from 'vitest';
import policy from '../../policies/rbac-wildcards.js';
import { table } from './harness.js';
import { role } from './rbac-fixtures.js';

describe('rbac-wildcards', () => {
  table(policy, {
    valid: [
      {
        name: 'named verbs, resources and groups',
        yaml: role(`  - { apiGroups: ["", apps], resources: [pods, deployments], verbs: [get, list] }`),
      },
      {
        name: 'a subresource wildcard is not a resource wildcard',
        yaml: role(`  - { apiGroups: [""], resources: [pods/log], verbs: [get] }`),
      },
    ],
    invalid: [
      {
        name: 'each wildcard list, at its entry',
        yaml: role(
          `  - { apiGroups: [""], resources: [pods], verbs: [get, "*"] }\n  - { apiGroups: ["*"], resources: ["*"], verbs: [list] }`,
          'ClusterRole',
        ),
        findings: [
          { pointer: '/rules/0/verbs/1', message: 'ClusterRole app grants verbs "*" (/rules/0)' },
          { pointer: '/rules/1/resources/0', message: 'resources "*"' },
          { pointer: '/rules/1/apiGroups/0', message: 'apiGroups "*"' },
        ],
      },
    ],
  });
});
