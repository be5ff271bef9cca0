import policy from '../../policies/pdb-overlap.js';
import { deploy, policyTable } from './inline.js';

const pdb = (name: string, selector: string) => `apiVersion: policy/v1
kind: PodDisruptionBudget
metadata: {name: ${name}, namespace: shop}
spec:
  maxUnavailable: 1
  selector: ${selector}
---
`;

policyTable('pdb-overlap', policy, [
  { name: 'one budget per workload', yaml: deploy('api') + deploy('web') + pdb('api', '{matchLabels: {app: api}}') + pdb('web', '{matchLabels: {app: web}}') },
  { name: 'disjoint expressions', yaml: deploy('api', { labels: '{app: api, track: stable}' }) + pdb('a', '{matchLabels: {app: api}, matchExpressions: [{key: track, operator: In, values: [canary]}]}') + pdb('b', '{matchLabels: {app: api}}') },
], [
  {
    name: 'two budgets over the same pods',
    yaml: deploy('api', { labels: '{app: api, tier: web}' }) + pdb('api', '{matchLabels: {app: api}}') + pdb('web-tier', '{matchLabels: {tier: web}}'),
    findings: ['PodDisruptionBudget/web-tier /spec/selector'],
    messages: [/same pods as PodDisruptionBudget api \(Deployment shop\/api\)/],
  },
  {
    name: 'three budgets: one finding per pair, workloads listed once per pair',
    yaml: deploy('a', { labels: '{app: x, part: a}' }) + deploy('b', { labels: '{app: x, part: b}' }) + pdb('p1', '{matchLabels: {app: x}}') + pdb('p2', '{}') + pdb('p3', '{matchLabels: {part: a}}'),
    findings: ['PodDisruptionBudget/p2 /spec/selector', 'PodDisruptionBudget/p3 /spec/selector', 'PodDisruptionBudget/p3 /spec/selector'],
    messages: [/p1 \(Deployment shop\/a, Deployment shop\/b\)/],
  },
]);
