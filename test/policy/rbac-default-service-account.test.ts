import { describe } from 'vitest';
import policy from '../../policies/rbac-default-service-account.js';
import { table } from './harness.js';
import { binding } from './rbac-fixtures.js';

describe('rbac-default-service-account', () => {
  table(policy, {
    valid: [
      { name: 'a workload ServiceAccount', yaml: binding('view') },
      {
        name: 'a user named default is not the ServiceAccount',
        yaml: binding('view', { subjects: '  - { kind: User, name: default }' }),
      },
    ],
    invalid: [
      {
        name: 'the default ServiceAccount, at the subject',
        yaml: binding('view', {
          subjects:
            '  - { kind: ServiceAccount, name: app, namespace: shop }\n  - { kind: ServiceAccount, name: default, namespace: shop }',
        }),
        findings: [{ pointer: '/subjects/1/name', message: 'default ServiceAccount of namespace shop' }],
      },
      {
        name: 'cluster-wide, in another namespace',
        yaml: binding('view', {
          kind: 'ClusterRoleBinding',
          subjects: '  - { kind: ServiceAccount, name: default, namespace: tools }',
        }),
        findings: [{ pointer: '/subjects/0/name', message: 'namespace tools' }],
      },
    ],
  });
});
