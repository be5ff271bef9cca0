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
/** A required anti-affinity term over the workload's own labels, aimed at namespaces by `extra` lines. */
const antiIn = (extra: string) =>
  `      affinity:\n        podAntiAffinity:\n          requiredDuringSchedulingIgnoredDuringExecution:\n            - topologyKey: kubernetes.io/hostname\n              labelSelector: {matchLabels: {app: api}}\n              ${extra}\n`;
const namespace = (labels: string) => `apiVersion: v1
kind: Namespace
metadata: {name: shop, labels: ${labels}}
---
`;
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
      name: 'anti-affinity term listing its own namespace',
      yaml: deploy('api', { replicas: 3, spec: antiIn('namespaces: [shop]') }),
    },
    {
      name: 'anti-affinity term over every namespace (empty namespaceSelector)',
      yaml: deploy('api', { replicas: 3, spec: antiIn('namespaceSelector: {}') }),
    },
    {
      name: 'anti-affinity namespaceSelector matching the Namespace labels in the render',
      yaml:
        namespace('{team: payments}') +
        deploy('api', { replicas: 3, spec: antiIn('namespaceSelector: {matchLabels: {team: payments}}') }),
    },
    {
      name: 'anti-affinity namespaceSelector on the name label the API server sets',
      yaml: deploy('api', {
        replicas: 3,
        spec: antiIn('namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: shop}}'),
      }),
    },
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
      name: 'anti-affinity term aimed at another namespace counts for nothing here',
      yaml: deploy('api', { replicas: 3, spec: antiIn('namespaces: [other]') }),
      findings: ['Deployment/api /spec/template/spec/affinity/podAntiAffinity'],
    },
    {
      name: 'anti-affinity namespaceSelector that excludes its own namespace',
      yaml:
        namespace('{team: web}') +
        deploy('api', { replicas: 3, spec: antiIn('namespaceSelector: {matchLabels: {team: payments}}') }),
      findings: ['Deployment/api /spec/template/spec/affinity/podAntiAffinity'],
    },
    {
      name: 'anti-affinity selects other pods',
      yaml: deploy('api', { replicas: 2, kind: 'StatefulSet', spec: anti('required', '{matchLabels: {app: db}}') }),
      findings: ['StatefulSet/api /spec/template/spec/affinity/podAntiAffinity'],
    },
  ],
);
