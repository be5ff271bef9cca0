import { describe } from 'vitest';
import policy from '../../policies/requests-within-limits.js';
import { deployment, table } from './harness.js';

const C = '/spec/template/spec/containers/0/resources';
const res = (requests: string, limits: string) =>
  deployment(
    `containers: [{ name: app, image: nginx, resources: { requests: { ${requests} }, limits: { ${limits} } } }]`,
  );

describe('requests-within-limits', () => {
  table(policy, {
    valid: [
      { name: 'equal in different notations', yaml: res('cpu: 100m, memory: 1Gi', "cpu: '0.1', memory: 1024Mi") },
      { name: 'below', yaml: res('cpu: 250m, memory: 1G', 'cpu: 1, memory: 1Gi') },
      { name: 'request without a limit', yaml: res('cpu: 4', 'memory: 1Gi') },
      { name: 'exponent notation', yaml: res('memory: 123Mi', 'memory: 129e6') },
    ],
    invalid: [
      {
        name: 'cpu above',
        yaml: res('cpu: 1500m', "cpu: '1'"),
        findings: [{ pointer: `${C}/requests/cpu`, message: 'requests 1500m cpu, more than its limit 1' }],
      },
      {
        name: 'exponent notation: 129e6 is more than 123Mi',
        yaml: res('memory: 129e6', 'memory: 123Mi'),
        findings: [{ pointer: `${C}/requests/memory` }],
      },
      {
        name: '1Gi is more than 1G',
        yaml: res('memory: 1Gi', 'memory: 1G'),
        findings: [{ pointer: `${C}/requests/memory` }],
      },
      {
        name: 'extended resources',
        yaml: res("example.com/gpu: '2'", "example.com/gpu: '1'"),
        findings: [{ pointer: `${C}/requests/example.com~1gpu` }],
      },
      {
        name: 'above a LimitRange default limit',
        yaml:
          deployment(`containers: [{ name: app, image: nginx, resources: { requests: { memory: 2Gi } } }]`) +
          '---\napiVersion: v1\nkind: LimitRange\nmetadata: { name: d, namespace: shop }\nspec:\n  limits: [{ type: Container, default: { memory: 1Gi } }]\n',
        findings: [{ pointer: `${C}/requests/memory`, message: 'the default limit of LimitRange d' }],
      },
    ],
  });
});
