import policy from '../../policies/pdb-allows-disruption.js';
import { deploy, policyTable } from './inline.js';

const pdb = (spec: string, selector = '{matchLabels: {app: api}}') => `apiVersion: policy/v1
kind: PodDisruptionBudget
metadata: {name: api, namespace: shop}
spec:
  ${spec}
  selector: ${selector}
---
`;
const hpa = (min: number) => `apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata: {name: api, namespace: shop}
spec:
  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: api}
  minReplicas: ${min}
  maxReplicas: 6
---
`;

policyTable(
  'pdb-allows-disruption',
  policy,
  [
    { name: 'maxUnavailable 1', yaml: deploy('api', { replicas: 3 }) + pdb('maxUnavailable: 1') },
    {
      name: 'a workload an overlay scaled to 0 has no pods to protect',
      yaml: deploy('api', { replicas: 0 }) + pdb('minAvailable: 1'),
    },
    { name: 'minAvailable below replicas', yaml: deploy('api', { replicas: 3 }) + pdb('minAvailable: 2') },
    {
      name: 'minAvailable 50% of 3 rounds up to 2, leaving 1',
      yaml: deploy('api', { replicas: 3 }) + pdb('minAvailable: 50%'),
    },
    {
      name: 'maxUnavailable 10% of 3 rounds up to 1',
      yaml: deploy('api', { replicas: 3 }) + pdb('maxUnavailable: 10%'),
    },
    { name: 'minimum is the HPA floor', yaml: deploy('api') + hpa(3) + pdb('minAvailable: 2') },
    {
      name: 'expected count sums every matched controller',
      yaml:
        deploy('a', { replicas: 1, labels: '{app: api, part: a}' }) +
        deploy('b', { replicas: 1, labels: '{app: api, part: b}' }) +
        pdb('minAvailable: 1'),
    },
    { name: "budget over no scaled workload is another policy's business", yaml: pdb('minAvailable: 1') },
  ],
  [
    {
      name: 'minAvailable 1 at one replica blocks drains',
      yaml: deploy('api', { replicas: 1 }) + pdb('minAvailable: 1'),
      findings: ['PodDisruptionBudget/api /spec/minAvailable'],
      messages: [/allows no eviction when Deployment shop\/api runs at 1 replica/],
    },
    {
      name: 'minAvailable equal to replicas',
      yaml: deploy('api', { replicas: 3 }) + pdb('minAvailable: 3'),
      findings: ['PodDisruptionBudget/api /spec/minAvailable'],
    },
    {
      name: 'minAvailable above replicas',
      yaml: deploy('api', { replicas: 2 }) + pdb('minAvailable: 5'),
      findings: ['PodDisruptionBudget/api /spec/minAvailable'],
    },
    {
      name: 'minAvailable 100%',
      yaml: deploy('api', { replicas: 4 }) + pdb('minAvailable: 100%'),
      findings: ['PodDisruptionBudget/api /spec/minAvailable'],
    },
    {
      name: 'minAvailable 90% of 3 rounds up to 3',
      yaml: deploy('api', { replicas: 3 }) + pdb('minAvailable: 90%'),
      findings: ['PodDisruptionBudget/api /spec/minAvailable'],
    },
    {
      name: 'maxUnavailable 0',
      yaml: deploy('api', { replicas: 3 }) + pdb('maxUnavailable: 0'),
      findings: ['PodDisruptionBudget/api /spec/maxUnavailable'],
    },
    {
      name: 'maxUnavailable 0%',
      yaml: deploy('api', { replicas: 3 }) + pdb('maxUnavailable: 0%'),
      findings: ['PodDisruptionBudget/api /spec/maxUnavailable'],
    },
    {
      name: 'HPA floor of 2 with minAvailable 2',
      yaml: deploy('api', { replicas: 5 }) + hpa(2) + pdb('minAvailable: 2'),
      findings: ['PodDisruptionBudget/api /spec/minAvailable'],
    },
  ],
);
