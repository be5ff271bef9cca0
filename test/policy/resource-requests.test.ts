import { describe } from 'vitest';
import policy from '../../policies/resource-requests.js';
import { deployment, table } from './harness.js';

const S = '/spec/template/spec';
const limitRange = (spec: string) =>
  `---\napiVersion: v1\nkind: LimitRange\nmetadata: { name: defaults, namespace: shop }\nspec:\n  limits:\n    - type: Container\n      ${spec}\n`;

describe('resource-requests', () => {
  table(policy, {
    valid: [
      {
        name: 'explicit requests',
        yaml: deployment(
          `containers: [{ name: app, image: nginx, resources: { requests: { cpu: 100m, memory: 64Mi } } }]`,
        ),
      },
      {
        name: 'limits alone default the requests',
        yaml: deployment(
          `containers: [{ name: app, image: nginx, resources: { limits: { cpu: '1', memory: 64Mi } } }]`,
        ),
      },
      {
        name: 'a LimitRange in the namespace supplies defaults',
        yaml:
          deployment(`containers: [{ name: app, image: nginx }]`) +
          limitRange('defaultRequest: { cpu: 50m, memory: 64Mi }'),
      },
      {
        name: 'ephemeral containers cannot have resources',
        yaml: 'apiVersion: v1\nkind: Pod\nmetadata: { name: p }\nspec:\n  containers: [{ name: a, image: x, resources: { requests: { cpu: 1, memory: 1Gi } } }]\n  ephemeralContainers: [{ name: dbg, image: busybox }]\n',
      },
    ],
    invalid: [
      {
        name: 'nothing',
        yaml: deployment(`containers: [{ name: app, image: nginx }]`),
        findings: [
          { pointer: `${S}/containers/0/resources/requests`, message: 'container "app" has no cpu or memory request' },
        ],
      },
      {
        name: 'memory only',
        yaml: deployment(`containers: [{ name: app, image: nginx, resources: { requests: { memory: 1Gi } } }]`),
        findings: [{ pointer: `${S}/containers/0/resources/requests`, message: 'has no cpu request' }],
      },
      {
        name: 'init containers count',
        yaml: deployment(
          `initContainers: [{ name: migrate, image: x }]\ncontainers: [{ name: app, image: nginx, resources: { requests: { cpu: 1, memory: 1Gi } } }]`,
        ),
        findings: [{ pointer: `${S}/initContainers/0/resources/requests`, message: 'init container "migrate"' }],
      },
      {
        name: 'a LimitRange in another namespace does not help',
        yaml:
          deployment(`containers: [{ name: app, image: nginx }]`) +
          limitRange('defaultRequest: { cpu: 50m, memory: 64Mi }').replace('namespace: shop', 'namespace: other'),
        findings: [{ pointer: `${S}/containers/0/resources/requests` }],
      },
    ],
  });
});
