import { describe } from 'vitest';
import policy from '../../policies/run-as-group-non-zero.js';
import { deployment, table } from './harness.js';

const S = '/spec/template/spec';

describe('run-as-group-non-zero', () => {
  table(policy, {
    valid: [
      {
        name: 'Windows pods are skipped',
        yaml: deployment(`os: { name: windows }\ncontainers: [{ name: app, image: iis }]`),
      },
      {
        name: 'pod-level non-zero group',
        yaml: deployment(
          `securityContext: { runAsGroup: 1000, fsGroup: 2000 }\ncontainers: [{ name: app, image: nginx }]`,
        ),
      },
      {
        name: 'container overrides a pod group 0',
        yaml: deployment(
          `securityContext: { runAsGroup: 0 }\ncontainers: [{ name: app, image: nginx, securityContext: { runAsGroup: 3000 } }]`,
        ),
      },
      {
        name: 'unset is accepted with allowUnset',
        yaml: deployment(`containers: [{ name: app, image: nginx }]`),
        options: { allowUnset: true },
      },
    ],
    invalid: [
      {
        name: 'unset by default',
        yaml: deployment(`containers: [{ name: app, image: nginx }]`),
        findings: [{ pointer: `${S}/containers/0/securityContext/runAsGroup`, message: 'does not set runAsGroup' }],
      },
      {
        name: 'pod group 0 inherited, init container included',
        yaml: deployment(
          `securityContext: { runAsGroup: 0 }\ninitContainers: [{ name: init, image: busybox }]\ncontainers: [{ name: app, image: nginx }]`,
        ),
        findings: [
          {
            pointer: `${S}/securityContext/runAsGroup`,
            message: 'init container "init" runs with GID 0 (from the pod securityContext)',
          },
          { pointer: `${S}/securityContext/runAsGroup`, message: 'container "app" runs with GID 0' },
        ],
      },
      {
        name: 'container group 0',
        yaml: deployment(
          `securityContext: { runAsGroup: 10 }\ncontainers: [{ name: app, image: nginx, securityContext: { runAsGroup: 0 } }]`,
        ),
        findings: [{ pointer: `${S}/containers/0/securityContext/runAsGroup` }],
      },
      {
        name: 'fsGroup 0 and supplementalGroups with 0',
        yaml: deployment(
          `securityContext: { runAsGroup: 10, fsGroup: 0, supplementalGroups: [5, 0] }\ncontainers: [{ name: app, image: nginx }]`,
        ),
        findings: [
          { pointer: `${S}/securityContext/fsGroup` },
          { pointer: `${S}/securityContext/supplementalGroups/1` },
        ],
      },
    ],
  });
});
