import { describe } from 'vitest';
import policy from '../../policies/rbac-pod-exec.js';
import { table } from './harness.js';
import { role } from './rbac-fixtures.js';

describe('rbac-pod-exec', () => {
  table(policy, {
    valid: [
      {
        name: 'reading pods and their logs',
        yaml: role(`  - { apiGroups: [""], resources: [pods, pods/log], verbs: [get, list, watch] }`),
      },
      {
        name: 'exec in another API group is not pod exec',
        yaml: role(`  - { apiGroups: [example.com], resources: [pods/exec], verbs: [create] }`),
      },
    ],
    invalid: [
      {
        name: 'exec, at the resource entry',
        yaml: role(`  - { apiGroups: [""], resources: [pods, pods/exec], verbs: [create] }`),
        findings: [{ pointer: '/rules/0/resources/1', message: 'Role shop/app grants pods/exec (/rules/0)' }],
      },
      {
        name: 'attach and port-forward through get',
        yaml: role(`  - { apiGroups: [""], resources: [pods/attach, pods/portforward], verbs: [get] }`),
        findings: [{ pointer: '/rules/0/resources/0', message: 'grants pods/attach, pods/portforward' }],
      },
      {
        name: 'pods/* and * include them',
        yaml: role(
          `  - { apiGroups: [""], resources: ["pods/*"], verbs: ["*"] }\n  - { apiGroups: ["*"], resources: ["*"], verbs: [create] }`,
          'ClusterRole',
        ),
        findings: [
          { pointer: '/rules/0/resources/0', message: 'pods/exec, pods/attach, pods/portforward' },
          { pointer: '/rules/1/resources/0' },
        ],
      },
    ],
  });
});
