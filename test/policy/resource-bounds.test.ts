import { describe } from 'vitest';
import policy from '../../policies/resource-bounds.js';
import { deployment, table } from './harness.js';

const C = '/spec/template/spec/containers/0/resources';
const yaml = deployment(
  `containers: [{ name: app, image: nginx, resources: { requests: { cpu: 10m, memory: 2Gi }, limits: { memory: 4Gi } } }]`,
);

describe('resource-bounds', () => {
  table(policy, {
    valid: [
      { name: 'no bounds configured', yaml },
      {
        name: 'inside the bounds (inclusive)',
        yaml,
        options: {
          requests: { cpu: { min: '10m', max: '2' }, memory: { max: '2Gi' } },
          limits: { memory: { max: '4Gi' } },
        },
      },
    ],
    invalid: [
      {
        name: 'below a floor',
        yaml,
        options: { requests: { cpu: { min: '0.05' } } },
        findings: [
          {
            pointer: `${C}/requests/cpu`,
            message: 'cpu request 10m is below the floor 0.05 for environment production',
          },
        ],
      },
      {
        name: 'above ceilings',
        yaml,
        options: { requests: { memory: { max: '1Gi' } }, limits: { memory: { max: '2G' } } },
        findings: [
          { pointer: `${C}/requests/memory`, message: 'above the ceiling 1Gi' },
          { pointer: `${C}/limits/memory`, message: 'memory limit 4Gi is above the ceiling 2G' },
        ],
      },
      {
        name: 'a request defaulted from a limit is checked at the limit',
        yaml: deployment(`containers: [{ name: app, image: nginx, resources: { limits: { memory: 32Mi } } }]`),
        options: { requests: { memory: { min: '64Mi' } } },
        findings: [{ pointer: `${C}/limits/memory`, message: 'memory request 32Mi is below the floor 64Mi' }],
      },
    ],
  });
});
