import { describe } from 'vitest';
import policy from '../../policies/read-only-root-filesystem.js';
import { deployment, table } from './harness.js';

const S = '/spec/template/spec';

describe('read-only-root-filesystem', () => {
  table(policy, {
    valid: [
      {
        name: 'Windows pods are skipped',
        yaml: deployment(`os: { name: windows }\ncontainers: [{ name: app, image: iis }]`),
      },
      {
        name: 'every container read-only',
        yaml: deployment(
          `initContainers: [{ name: i, image: b, securityContext: { readOnlyRootFilesystem: true } }]\ncontainers: [{ name: app, image: nginx, securityContext: { readOnlyRootFilesystem: true } }]`,
        ),
      },
    ],
    invalid: [
      {
        name: 'unset',
        yaml: deployment(`containers: [{ name: app, image: nginx }]`),
        findings: [
          {
            pointer: `${S}/containers/0/securityContext/readOnlyRootFilesystem`,
            message: 'does not set readOnlyRootFilesystem: true',
          },
        ],
      },
      {
        name: 'explicit false',
        yaml: deployment(
          `containers: [{ name: app, image: nginx, securityContext: { readOnlyRootFilesystem: false } }]`,
        ),
        findings: [
          {
            pointer: `${S}/containers/0/securityContext/readOnlyRootFilesystem`,
            message: 'sets readOnlyRootFilesystem: false',
          },
        ],
      },
      {
        name: 'the pod securityContext has no such field, so it does not help; init containers count',
        yaml: deployment(
          `securityContext: { readOnlyRootFilesystem: true }\ninitContainers: [{ name: i, image: b }]\ncontainers: [{ name: app, image: nginx, securityContext: { readOnlyRootFilesystem: true } }]`,
        ),
        findings: [
          { pointer: `${S}/initContainers/0/securityContext/readOnlyRootFilesystem`, message: 'init container "i"' },
        ],
      },
    ],
  });
});
