import { describe } from 'vitest';
import policy from '../../policies/not-privileged.js';
import { deployment, table } from './harness.js';

describe('not-privileged', () => {
  table(policy, {
    valid: [
      { name: 'unset', yaml: deployment(`containers: [{ name: app, image: nginx }]`) },
      {
        name: 'explicit false',
        yaml: deployment(`containers: [{ name: app, image: nginx, securityContext: { privileged: false } }]`),
      },
    ],
    invalid: [
      {
        name: 'privileged container',
        yaml: deployment(`containers: [{ name: app, image: nginx, securityContext: { privileged: true } }]`),
        findings: [
          {
            pointer: '/spec/template/spec/containers/0/securityContext/privileged',
            message: 'container "app" is privileged',
          },
        ],
      },
      {
        name: 'privileged init container',
        yaml: deployment(
          `initContainers: [{ name: setup, image: b, securityContext: { privileged: true } }]\ncontainers: [{ name: app, image: nginx }]`,
        ),
        findings: [{ pointer: '/spec/template/spec/initContainers/0/securityContext/privileged' }],
      },
    ],
  });
});
