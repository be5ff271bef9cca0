import { describe } from 'vitest';
import policy from '../../policies/seccomp-profile.js';
import { deployment, table } from './harness.js';

const S = '/spec/template/spec';

describe('seccomp-profile', () => {
  table(policy, {
    valid: [
      {
        name: 'Windows pods are skipped',
        yaml: deployment(`os: { name: windows }\ncontainers: [{ name: app, image: iis }]`),
      },
      {
        name: 'pod RuntimeDefault',
        yaml: deployment(
          `securityContext: { seccompProfile: { type: RuntimeDefault } }\ncontainers: [{ name: app, image: nginx }]`,
        ),
      },
      {
        name: 'container Localhost',
        yaml: deployment(
          `containers: [{ name: app, image: nginx, securityContext: { seccompProfile: { type: Localhost, localhostProfile: profiles/app.json } } }]`,
        ),
      },
      {
        name: 'container RuntimeDefault overrides pod Unconfined',
        yaml: deployment(
          `securityContext: { seccompProfile: { type: Unconfined } }\ncontainers: [{ name: app, image: nginx, securityContext: { seccompProfile: { type: RuntimeDefault } } }]`,
        ),
      },
    ],
    invalid: [
      {
        name: 'unset everywhere',
        yaml: deployment(`containers: [{ name: app, image: nginx }]`),
        findings: [{ pointer: `${S}/securityContext/seccompProfile`, message: 'has no seccomp profile' }],
      },
      {
        name: 'pod Unconfined inherited',
        yaml: deployment(
          `securityContext: { seccompProfile: { type: Unconfined } }\ncontainers: [{ name: app, image: nginx }]`,
        ),
        findings: [
          {
            pointer: `${S}/securityContext/seccompProfile/type`,
            message: 'uses seccomp profile Unconfined (from the pod securityContext)',
          },
        ],
      },
      {
        name: 'container Unconfined overrides pod RuntimeDefault',
        yaml: deployment(
          `securityContext: { seccompProfile: { type: RuntimeDefault } }\ncontainers: [{ name: a, image: x }, { name: b, image: y, securityContext: { seccompProfile: { type: Unconfined } } }]`,
        ),
        findings: [
          {
            pointer: `${S}/containers/1/securityContext/seccompProfile/type`,
            message: 'container "b" uses seccomp profile Unconfined',
          },
        ],
      },
    ],
  });
});
