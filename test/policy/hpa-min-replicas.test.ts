import policy from '../../policies/hpa-min-replicas.js';
import { policyTable } from './inline.js';

const hpa = (min?: number, apiVersion = 'autoscaling/v2') => `apiVersion: ${apiVersion}
kind: HorizontalPodAutoscaler
metadata: {name: api, namespace: shop}
spec:
  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: api}
${min !== undefined ? `  minReplicas: ${min}\n` : ''}  maxReplicas: 5
`;

policyTable(
  'hpa-min-replicas',
  policy,
  [
    { name: 'two in production', yaml: hpa(2), env: 'production' },
    { name: 'one outside the listed environments', yaml: hpa(1), env: 'staging' },
    {
      name: 'configured environments and minimum',
      yaml: hpa(3),
      env: 'prod-eu',
      options: { environments: ['prod-eu'], minimum: 3 },
    },
  ],
  [
    {
      name: 'one in production',
      yaml: hpa(1),
      env: 'production',
      findings: ['HorizontalPodAutoscaler/api /spec/minReplicas'],
      messages: [/minReplicas is 1; production requires at least 2/],
    },
    {
      name: 'unset minReplicas is one (autoscaling/v1)',
      yaml: hpa(undefined, 'autoscaling/v1'),
      env: 'production',
      findings: ['HorizontalPodAutoscaler/api /spec/minReplicas'],
      messages: [/\(unset\)/],
    },
    {
      name: 'raised minimum',
      yaml: hpa(2),
      env: 'prod-eu',
      options: { environments: ['prod-eu'], minimum: 3 },
      findings: ['HorizontalPodAutoscaler/api /spec/minReplicas'],
    },
  ],
);
