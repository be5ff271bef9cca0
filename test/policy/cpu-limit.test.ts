import { describe } from 'vitest';
import policy from '../../policies/cpu-limit.js';
import { deployment, table } from './harness.js';

const S = '/spec/template/spec';
const WITH = deployment(`containers: [{ name: app, image: nginx, resources: { limits: { cpu: 500m } } }]`);
const WITHOUT = deployment(`containers: [{ name: app, image: nginx, resources: { requests: { cpu: 500m } } }]`);
const RANGE =
  '---\napiVersion: v1\nkind: LimitRange\nmetadata: { name: d, namespace: shop }\nspec:\n  limits: [{ type: Container, default: { cpu: 1 } }]\n';

describe('cpu-limit', () => {
  table(policy, {
    valid: [
      { name: 'allowed (default): with a limit', yaml: WITH },
      { name: 'allowed (default): without a limit', yaml: WITHOUT },
      { name: 'required: explicit', yaml: WITH, options: { mode: 'required' } },
      { name: 'required: from a LimitRange default', yaml: WITHOUT + RANGE, options: { mode: 'required' } },
      { name: 'forbidden: none', yaml: WITHOUT, options: { mode: 'forbidden' } },
    ],
    invalid: [
      {
        name: 'required: missing',
        yaml: WITHOUT,
        options: { mode: 'required' },
        findings: [
          {
            pointer: `${S}/containers/0/resources/limits/cpu`,
            message: 'has no CPU limit (required by configuration)',
          },
        ],
      },
      {
        name: 'forbidden: set',
        yaml: WITH,
        options: { mode: 'forbidden' },
        findings: [
          {
            pointer: `${S}/containers/0/resources/limits/cpu`,
            message: 'sets a CPU limit (forbidden by configuration)',
          },
        ],
      },
      {
        name: 'forbidden: a LimitRange that injects one',
        yaml: WITHOUT + RANGE,
        options: { mode: 'forbidden' },
        findings: [{ pointer: '/spec/limits/0/default/cpu', resource: 'LimitRange/d' }],
      },
    ],
  });
});
