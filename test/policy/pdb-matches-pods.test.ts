import policy from '../../policies/pdb-matches-pods.js';
import { deploy, policyTable } from './inline.js';

const pdb = (selector: string | undefined, ns = 'shop') => `apiVersion: policy/v1
kind: PodDisruptionBudget
metadata: {name: api, namespace: ${ns}}
spec:
  maxUnavailable: 1
${selector !== undefined ? `  selector: ${selector}\n` : ''}---
`;

policyTable(
  'pdb-matches-pods',
  policy,
  [
    {
      name: 'matchLabels subset of template labels',
      yaml: deploy('api', { labels: '{app: api, tier: web}' }) + pdb('{matchLabels: {app: api}}'),
    },
    {
      name: 'NotIn on an absent label holds',
      yaml: deploy('api') + pdb('{matchExpressions: [{key: track, operator: NotIn, values: [canary]}]}'),
    },
    { name: 'empty selector selects the namespace', yaml: deploy('api') + pdb('{}') },
    {
      name: 'bare Pod counts as pods',
      yaml:
        'apiVersion: v1\nkind: Pod\nmetadata: {name: p, namespace: shop, labels: {app: api}}\nspec: {containers: [{name: c, image: x:1}]}\n---\n' +
        pdb('{matchLabels: {app: api}}'),
    },
  ],
  [
    {
      name: 'label typo',
      yaml: deploy('api') + pdb('{matchLabels: {app: apii}}'),
      findings: ['PodDisruptionBudget/api /spec/selector'],
      messages: [/matches no pod template in namespace "shop"/],
    },
    {
      name: 'one of two expressions fails',
      yaml:
        deploy('api') +
        pdb('{matchLabels: {app: api}, matchExpressions: [{key: app, operator: NotIn, values: [api]}]}'),
      findings: ['PodDisruptionBudget/api /spec/selector'],
    },
    {
      name: 'workload only in another namespace',
      yaml: deploy('api') + pdb('{matchLabels: {app: api}}', 'other'),
      findings: ['PodDisruptionBudget/api /spec/selector'],
    },
    {
      name: 'missing selector selects nothing',
      yaml: deploy('api') + pdb(undefined),
      findings: ['PodDisruptionBudget/api /spec/selector'],
      messages: [/no spec.selector/],
    },
  ],
);
