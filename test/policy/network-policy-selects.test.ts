import policy from '../../policies/network-policy-selects.js';
import { deploy, policyTable } from './inline.js';

const np = (selector: string, ns = 'shop') => `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: api, namespace: ${ns}}
spec:
  podSelector: ${selector}
  policyTypes: [Ingress]
---
`;

policyTable(
  'network-policy-selects',
  policy,
  [
    { name: 'matches the template', yaml: deploy('api') + np('{matchLabels: {app: api}}') },
    { name: 'empty selector is the whole namespace', yaml: np('{}') },
    {
      name: 'pods created at run time by cert-manager',
      yaml: deploy('api') + np('{matchLabels: {acme.cert-manager.io/http01-solver: "true"}}'),
    },
    {
      name: 'configured runtime label via Exists',
      yaml: np('{matchExpressions: [{key: batch.example.com/run, operator: Exists}]}'),
      options: { runtimePodLabels: ['batch.example.com/run'] },
    },
    {
      name: 'expression match',
      yaml: deploy('api') + np('{matchExpressions: [{key: app, operator: In, values: [api, web]}]}'),
    },
  ],
  [
    {
      name: 'no such pods',
      yaml: deploy('api') + np('{matchLabels: {app: web}}'),
      findings: ['NetworkPolicy/api /spec/podSelector'],
      messages: [/isolates nothing/],
    },
    {
      name: 'DoesNotExist excludes the only pods',
      yaml: deploy('api') + np('{matchExpressions: [{key: app, operator: DoesNotExist}]}'),
      findings: ['NetworkPolicy/api /spec/podSelector'],
    },
    {
      name: 'runtime label only excluded by NotIn does not count',
      yaml:
        deploy('api') +
        np(
          '{matchLabels: {app: web}, matchExpressions: [{key: acme.cert-manager.io/http01-solver, operator: NotIn, values: ["true"]}]}',
        ),
      findings: ['NetworkPolicy/api /spec/podSelector'],
    },
    {
      name: 'other namespace',
      yaml: deploy('api') + np('{matchLabels: {app: api}}', 'edge'),
      findings: ['NetworkPolicy/api /spec/podSelector'],
    },
  ],
);
