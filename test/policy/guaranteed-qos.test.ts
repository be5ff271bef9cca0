import { describe } from 'vitest';
import policy from '../../policies/guaranteed-qos.js';
import { deployment, table } from './harness.js';

const C = '/spec/template/spec/containers/0';
const res = (requests: string, limits: string): string =>
  deployment(
    `containers: [{ name: app, image: x:1, resources: { requests: { ${requests} }, limits: { ${limits} } } }]`,
  );
const chosen = { workloads: ['Deployment/shop/*'] };

describe('guaranteed-qos', () => {
  table(policy, {
    valid: [
      { name: 'nothing chosen: the policy is idle', yaml: res('cpu: 100m', 'cpu: 1') },
      {
        name: 'equal requests and limits, in other units',
        yaml: res('cpu: "1", memory: 1Gi', 'cpu: 1000m, memory: 1024Mi'),
        options: chosen,
      },
      {
        name: 'requests left to default to the limits',
        yaml: deployment(`containers: [{ name: app, image: x:1, resources: { limits: { cpu: 1, memory: 1Gi } } }]`),
        options: chosen,
      },
      {
        name: 'a workload the patterns do not choose',
        yaml: res('cpu: 100m', 'cpu: 1, memory: 1Gi'),
        options: { workloads: ['StatefulSet/*/postgres'] },
      },
    ],
    invalid: [
      {
        name: 'a smaller request and a missing limit',
        yaml: res('cpu: 100m, memory: 1Gi', 'cpu: 500m'),
        options: chosen,
        findings: [
          { pointer: `${C}/resources/requests/cpu`, message: 'requests 100m cpu but is limited to 500m' },
          { pointer: `${C}/resources/limits/memory`, message: 'has no memory limit' },
        ],
      },
    ],
  });
});
