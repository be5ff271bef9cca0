import policy from '../../policies/spread-replicas.js';
import { deploy, policyTable } from './inline.js';

const tsc = (selector: string) => `      topologySpreadConstraints:
        - maxSkew: 1
          topologyKey: kubernetes.io/hostname
          whenUnsatisfiable: ScheduleAnyway
          labelSelector: ${selector}
`;
const anti = (kind: 'required' | 'preferred', selector: string) =>
  kind === 'required'
    ? `      affinity:\n        podAntiAffinity:\n          requiredDuringSchedulingIgnoredDuringExecution:\n            - topologyKey: kubernetes.io/hostname\n              labelSelector: ${selector}\n`
    : `      affinity:\n        podAntiAffinity:\n          preferredDuringSchedulingIgnoredDuringExecution:\n            - weight: 100\n              podAffinityTerm:\n                topologyKey: kubernetes.io/hostname\n                labelSelector: ${selector}\n`;
const hpa = `apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata: {name: api, namespace: shop}
spec:
  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: api}
  minReplicas: 1
  maxReplicas: 4
---
`;

policyTable(
  'spread-replicas',
  policy,
  [
    { name: 'one replica', yaml: deploy('api', { replicas: 1 }) },
    {
      name: 'spread constraint over its own pods',
      yaml: deploy('api', { replicas: 3, spec: tsc('{matchLabels: {app: api}}') }),
    },
    {
      name: 'required anti-affinity',
      yaml: deploy('api', { replicas: 3, spec: anti('required', '{matchLabels: {app: api}}') }),
    },
    {
      name: 'preferred anti-affinity',
      yaml: deploy('api', {
        replicas: 3,
        spec: anti('preferred', '{matchExpressions: [{key: app, operator: In, values: [api]}]}'),
      }),
    },
  ],
  [
    {
      name: 'three replicas, nothing',
      yaml: deploy('api', { replicas: 3 }),
      findings: ['Deployment/api /spec/template/spec/topologySpreadConstraints'],
      messages: [/neither topologySpreadConstraints nor podAntiAffinity/],
    },
    {
      name: 'HPA may scale to four',
      yaml: deploy('api') + hpa,
      findings: ['Deployment/api /spec/template/spec/topologySpreadConstraints'],
      messages: [/up to 4 replicas/],
    },
    {
      name: 'constraint selects other pods',
      yaml: deploy('api', { replicas: 3, spec: tsc('{matchLabels: {app: web}}') }),
      findings: ['Deployment/api /spec/template/spec/topologySpreadConstraints'],
      messages: [/does not match the template labels/],
    },
    {
      name: 'anti-affinity selects other pods',
      yaml: deploy('api', { replicas: 2, kind: 'StatefulSet', spec: anti('required', '{matchLabels: {app: db}}') }),
      findings: ['StatefulSet/api /spec/template/spec/affinity/podAntiAffinity'],
    },
  ],
);
