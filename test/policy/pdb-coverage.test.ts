import policy from '../../policies/pdb-coverage.js';
import { deploy, policyTable } from './inline.js';

const pdb = (name: string, selector: string, extra = 'maxUnavailable: 1') => `apiVersion: policy/v1
kind: PodDisruptionBudget
metadata: {name: ${name}, namespace: shop}
spec:
  ${extra}
  selector: ${selector}
---
`;
const hpa = (target: string, min: number | undefined, apiVersion = 'autoscaling/v2') => `apiVersion: ${apiVersion}
kind: HorizontalPodAutoscaler
metadata: {name: ${target}, namespace: shop}
spec:
  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: ${target}}
${min !== undefined ? `  minReplicas: ${min}\n` : ''}  maxReplicas: 5
---
`;

policyTable(
  'pdb-coverage',
  policy,
  [
    { name: 'single replica needs no budget', yaml: deploy('api', { replicas: 1 }) },
    { name: 'unset replicas count as one', yaml: deploy('api') },
    { name: 'covered by matchLabels', yaml: deploy('api', { replicas: 3 }) + pdb('api', '{matchLabels: {app: api}}') },
    {
      name: 'covered by matchExpressions',
      yaml:
        deploy('api', { replicas: 3, labels: '{app: api, tier: web}' }) +
        pdb('api', '{matchExpressions: [{key: tier, operator: In, values: [web]}]}'),
    },
    { name: 'HPA minReplicas 1 with replicas unset', yaml: deploy('api') + hpa('api', 1) },
    { name: 'HPA without minReplicas defaults to one', yaml: deploy('api') + hpa('api', undefined, 'autoscaling/v1') },
    { name: 'DaemonSet is out of scope', yaml: deploy('agent', { kind: 'DaemonSet' }) },
  ],
  [
    {
      name: 'three replicas, no budget',
      yaml: deploy('api', { replicas: 3 }),
      findings: ['Deployment/api /spec/replicas'],
      messages: [/runs 3 replicas/],
    },
    {
      name: 'an Argo Rollout with three replicas, no budget',
      yaml: deploy('canary', { replicas: 3 }).replace(
        'apiVersion: apps/v1\nkind: Deployment',
        'apiVersion: argoproj.io/v1alpha1\nkind: Rollout',
      ),
      findings: ['Rollout/canary /spec/replicas'],
    },
    {
      name: 'StatefulSet with two replicas',
      yaml: deploy('db', { replicas: 2, kind: 'StatefulSet' }),
      findings: ['StatefulSet/db /spec/replicas'],
    },
    {
      name: 'HPA minReplicas decides, not spec.replicas',
      yaml: deploy('api', { replicas: 1 }) + hpa('api', 2),
      findings: ['HorizontalPodAutoscaler/api /spec/minReplicas'],
      messages: [/HorizontalPodAutoscaler shop\/api keeps at least 2/],
    },
    {
      name: 'budget must match every matchLabels entry',
      yaml: deploy('api', { replicas: 3 }) + pdb('api', '{matchLabels: {app: api, tier: web}}'),
      findings: ['Deployment/api /spec/replicas'],
    },
    {
      name: 'budget must satisfy every expression too',
      yaml:
        deploy('api', { replicas: 3 }) +
        pdb('api', '{matchLabels: {app: api}, matchExpressions: [{key: tier, operator: Exists}]}'),
      findings: ['Deployment/api /spec/replicas'],
    },
    {
      name: 'budget in another namespace does not count',
      yaml:
        deploy('api', { replicas: 3 }) +
        pdb('api', '{matchLabels: {app: api}}').replace('namespace: shop', 'namespace: other'),
      findings: ['Deployment/api /spec/replicas'],
    },
  ],
);
