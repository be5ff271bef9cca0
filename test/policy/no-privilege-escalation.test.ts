import { describe } from 'vitest';
import policy from '../../policies/no-privilege-escalation.js';
import { deployment, table } from './harness.js';

const S = '/spec/template/spec';

describe('no-privilege-escalation', () => {
  table(policy, {
    valid: [
      {
        name: 'Windows pods are skipped',
        yaml: deployment(`os: { name: windows }\ncontainers: [{ name: app, image: iis }]`),
      },
      {
        name: 'explicit false everywhere',
        yaml: deployment(
          `initContainers: [{ name: i, image: b, securityContext: { allowPrivilegeEscalation: false } }]\ncontainers: [{ name: app, image: nginx, securityContext: { allowPrivilegeEscalation: false } }]`,
        ),
      },
    ],
    invalid: [
      {
        name: 'unset fails',
        yaml: deployment(`containers: [{ name: app, image: nginx, securityContext: { runAsNonRoot: true } }]`),
        findings: [
          { pointer: `${S}/containers/0/securityContext/allowPrivilegeEscalation`, message: 'unset means allowed' },
        ],
      },
      {
        name: 'explicit true',
        yaml: deployment(
          `containers: [{ name: app, image: nginx, securityContext: { allowPrivilegeEscalation: true } }]`,
        ),
        findings: [
          {
            pointer: `${S}/containers/0/securityContext/allowPrivilegeEscalation`,
            message: 'sets allowPrivilegeEscalation: true',
          },
        ],
      },
      {
        name: 'only the container that misses it',
        yaml: deployment(
          `containers: [{ name: a, image: x, securityContext: { allowPrivilegeEscalation: false } }, { name: b, image: y }]`,
        ),
        findings: [{ pointer: `${S}/containers/1/securityContext/allowPrivilegeEscalation`, message: 'container "b"' }],
      },
    ],
  });
});
