import { describe } from 'vitest';
import policy from '../../policies/no-host-namespaces.js';
import { deployment, table } from './harness.js';

const S = '/spec/template/spec';

describe('no-host-namespaces', () => {
  table(policy, {
    valid: [
      { name: 'none set', yaml: deployment(`containers: [{ name: app, image: nginx }]`) },
      {
        name: 'explicit false',
        yaml: deployment(
          `hostNetwork: false\nhostPID: false\nhostIPC: false\ncontainers: [{ name: app, image: nginx }]`,
        ),
      },
    ],
    invalid: [
      {
        name: 'all three',
        yaml: deployment(`hostNetwork: true\nhostPID: true\nhostIPC: true\ncontainers: [{ name: app, image: nginx }]`),
        findings: [
          { pointer: `${S}/hostNetwork`, message: 'hostNetwork: true' },
          { pointer: `${S}/hostPID` },
          { pointer: `${S}/hostIPC` },
        ],
      },
      {
        name: 'a bare Pod',
        yaml: 'apiVersion: v1\nkind: Pod\nmetadata: { name: p }\nspec:\n  hostPID: true\n  containers: [{ name: app, image: nginx }]\n',
        findings: [{ pointer: '/spec/hostPID', resource: 'Pod/p' }],
      },
    ],
  });
});
