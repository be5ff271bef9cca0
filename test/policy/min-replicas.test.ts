import { describe } from 'vitest';
import policy from '../../policies/min-replicas.js';
import { table } from './harness.js';

const deploy = (replicas?: number, name = 'web'): string => `apiVersion: apps/v1
kind: Deployment
metadata: { name: ${name}, namespace: shop }
spec:
${replicas !== undefined ? `  replicas: ${replicas}\n` : ''}  selector: { matchLabels: { app: ${name} } }
  template:
    metadata: { labels: { app: ${name} } }
    spec: { containers: [{ name: app, image: x:1 }] }
`;
const hpa = (min: number): string => `apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata: { name: web, namespace: shop }
spec:
  scaleTargetRef: { apiVersion: apps/v1, kind: Deployment, name: web }
  minReplicas: ${min}
  maxReplicas: 10
`;

describe('min-replicas', () => {
  table(policy, {
    valid: [
      { name: 'the default minimum is one', yaml: deploy() },
      { name: 'enough replicas', yaml: deploy(3), options: { min: 2 } },
      { name: 'scaled to zero on purpose', yaml: deploy(0), options: { min: 2 } },
      { name: 'an autoscaler keeps the minimum', yaml: deploy() + '---\n' + hpa(2), options: { min: 2 } },
    ],
    invalid: [
      {
        name: 'one replica where two are required',
        yaml: deploy(1),
        options: { min: 2 },
        findings: [
          { pointer: '/spec/replicas', message: 'Deployment shop/web runs 1 replica; production requires at least 2' },
        ],
      },
      {
        name: 'replicas unset means one',
        yaml: deploy(),
        options: { min: 3 },
        findings: [{ pointer: '/spec/replicas' }],
      },
      {
        name: 'the autoscaler’s minReplicas, on the autoscaler',
        yaml: deploy() + '---\n' + hpa(1),
        options: { min: 2 },
        findings: [
          {
            pointer: '/spec/minReplicas',
            resource: 'HorizontalPodAutoscaler/web',
            message: 'at least (HorizontalPodAutoscaler shop/web minReplicas)',
          },
        ],
      },
    ],
  });
});
