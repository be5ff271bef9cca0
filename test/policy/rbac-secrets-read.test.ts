import { describe } from 'vitest';
import policy from '../../policies/rbac-secrets-read.js';
import { table } from './harness.js';
import { binding, role } from './rbac-fixtures.js';

const reader = (rule: string): string => role(rule, 'ClusterRole', 'reader');

describe('rbac-secrets-read', () => {
  table(policy, {
    valid: [
      {
        name: 'a ClusterRole reading Secrets, bound per namespace with a RoleBinding',
        yaml: reader(`  - { apiGroups: [""], resources: [secrets], verbs: [get, list] }`) + '---\n' + binding('reader'),
      },
      {
        name: 'cluster-wide, but only named Secrets',
        yaml:
          reader(`  - { apiGroups: [""], resources: [secrets], resourceNames: [ca-bundle], verbs: [get] }`) +
          '---\n' +
          binding('reader', { kind: 'ClusterRoleBinding' }),
      },
      {
        name: 'cluster-wide, writes only',
        yaml:
          reader(`  - { apiGroups: [""], resources: [secrets], verbs: [create] }`) +
          '---\n' +
          binding('reader', { kind: 'ClusterRoleBinding' }),
      },
      { name: 'the built-in view role cluster-wide', yaml: binding('view', { kind: 'ClusterRoleBinding' }) },
    ],
    invalid: [
      {
        name: 'a ClusterRole reading Secrets bound cluster-wide, at the rule',
        yaml:
          reader(`  - { apiGroups: [""], resources: [configmaps, secrets], verbs: [get, list, watch] }`) +
          '---\n' +
          binding('reader', { kind: 'ClusterRoleBinding' }),
        findings: [
          {
            pointer: '/rules/0/verbs',
            resource: 'ClusterRole/reader',
            message:
              'lets get, list, watch on Secrets in every namespace: ClusterRoleBinding app binds it cluster-wide',
          },
        ],
      },
      {
        name: 'wildcards reach Secrets too',
        yaml:
          reader(`  - { apiGroups: ["*"], resources: ["*"], verbs: [list] }`) +
          '---\n' +
          binding('reader', { kind: 'ClusterRoleBinding' }),
        findings: [{ pointer: '/rules/0/verbs', message: 'lets list on Secrets' }],
      },
      {
        name: 'the built-in edit role bound cluster-wide',
        yaml: binding('edit', { kind: 'ClusterRoleBinding' }),
        findings: [{ pointer: '/roleRef/name', message: 'built-in ClusterRole edit' }],
      },
    ],
  });
});
