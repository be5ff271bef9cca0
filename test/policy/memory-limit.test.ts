import { describe } from 'vitest';
import policy from '../../policies/memory-limit.js';
import { deployment, table } from './harness.js';

const S = '/spec/template/spec';

describe('memory-limit', () => {
  table(policy, {
    valid: [
      {
        name: 'explicit limit',
        yaml: deployment(`containers: [{ name: app, image: nginx, resources: { limits: { memory: 128Mi } } }]`),
      },
      {
        name: 'LimitRange default',
        yaml:
          deployment(`containers: [{ name: app, image: nginx }]`) +
          '---\napiVersion: v1\nkind: LimitRange\nmetadata: { name: d, namespace: shop }\nspec:\n  limits: [{ type: Container, default: { memory: 256Mi } }]\n',
      },
    ],
    invalid: [
      {
        name: 'a request is not a limit',
        yaml: deployment(`containers: [{ name: app, image: nginx, resources: { requests: { memory: 128Mi } } }]`),
        findings: [
          { pointer: `${S}/containers/0/resources/limits/memory`, message: 'container "app" has no memory limit' },
        ],
      },
      {
        name: 'a LimitRange defaultRequest is not a limit',
        yaml:
          deployment(`containers: [{ name: app, image: nginx }]`) +
          '---\napiVersion: v1\nkind: LimitRange\nmetadata: { name: d, namespace: shop }\nspec:\n  limits: [{ type: Container, defaultRequest: { memory: 256Mi } }]\n',
        findings: [{ pointer: `${S}/containers/0/resources/limits/memory` }],
      },
      {
        name: 'init container',
        yaml: deployment(
          `initContainers: [{ name: i, image: x }]\ncontainers: [{ name: app, image: nginx, resources: { limits: { memory: 1Gi } } }]`,
        ),
        findings: [{ pointer: `${S}/initContainers/0/resources/limits/memory` }],
      },
    ],
  });
});
