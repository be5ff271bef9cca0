import { describe } from 'vitest';
import policy from '../../policies/service-account-token.js';
import { deployment, table } from './harness.js';

const sa = (name: string, extra = '') =>
  `---\napiVersion: v1\nkind: ServiceAccount\nmetadata: { name: ${name}, namespace: shop }\n${extra}\n`;
const P = '/spec/template/spec/automountServiceAccountToken';

describe('service-account-token', () => {
  table(policy, {
    valid: [
      {
        name: 'decided on the pod (false)',
        yaml: deployment(`automountServiceAccountToken: false\ncontainers: [{ name: app, image: nginx }]`),
      },
      {
        name: 'decided on the pod (true)',
        yaml: deployment(`automountServiceAccountToken: true\ncontainers: [{ name: app, image: nginx }]`),
      },
      {
        name: 'decided on the named ServiceAccount',
        yaml:
          deployment(`serviceAccountName: web\ncontainers: [{ name: app, image: nginx }]`) +
          sa('web', 'automountServiceAccountToken: false'),
      },
      {
        name: 'decided on the default ServiceAccount',
        yaml:
          deployment(`containers: [{ name: app, image: nginx }]`) +
          sa('default', 'automountServiceAccountToken: false'),
      },
    ],
    invalid: [
      {
        name: 'nowhere, and no ServiceAccount in the render',
        yaml: deployment(`containers: [{ name: app, image: nginx }]`),
        findings: [{ pointer: P, message: 'ServiceAccount "default" is not in the render' }],
      },
      {
        name: 'ServiceAccount leaves it unset',
        yaml: deployment(`serviceAccountName: web\ncontainers: [{ name: app, image: nginx }]`) + sa('web'),
        findings: [{ pointer: P, message: 'neither the pod nor ServiceAccount "web"' }],
      },
      {
        name: 'a ServiceAccount of the same name in another namespace does not count',
        yaml:
          deployment(`serviceAccountName: web\ncontainers: [{ name: app, image: nginx }]`) +
          sa('web', 'automountServiceAccountToken: false').replace('namespace: shop', 'namespace: other'),
        findings: [{ pointer: P, message: 'is not in the render' }],
      },
    ],
  });
});
