import policy from '../../policies/hpa-owns-replicas.js';
import { deploy, policyTable } from './inline.js';

const hpa = (kind = 'Deployment', name = 'api', apiVersion = 'apps/v1') => `apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata: {name: api, namespace: shop}
spec:
  scaleTargetRef: {apiVersion: ${apiVersion}, kind: ${kind}, name: ${name}}
  minReplicas: 2
  maxReplicas: 5
---
`;

policyTable(
  'hpa-owns-replicas',
  policy,
  [
    { name: 'autoscaled, replicas unset', yaml: deploy('api') + hpa() },
    { name: 'replicas set, no autoscaler', yaml: deploy('api', { replicas: 3 }) },
    { name: 'autoscaler targets another workload', yaml: deploy('api', { replicas: 3 }) + hpa('Deployment', 'web') },
    {
      name: 'autoscaler targets a StatefulSet of the same name',
      yaml: deploy('api', { replicas: 3 }) + hpa('StatefulSet'),
    },
    { name: 'autoscaler in another namespace', yaml: deploy('api', { replicas: 3, ns: 'other' }) + hpa() },
  ],
  [
    {
      name: 'Deployment sets replicas under an HPA',
      yaml: deploy('api', { replicas: 3 }) + hpa(),
      findings: ['Deployment/api /spec/replicas'],
      messages: [/sets replicas: 3 although HorizontalPodAutoscaler shop\/api scales it/],
    },
    {
      name: 'StatefulSet too',
      yaml: deploy('api', { replicas: 2, kind: 'StatefulSet' }) + hpa('StatefulSet'),
      findings: ['StatefulSet/api /spec/replicas'],
    },
  ],
);
