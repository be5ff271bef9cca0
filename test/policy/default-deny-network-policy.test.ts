import policy from '../../policies/default-deny-network-policy.js';
import { deploy, policyTable } from './inline.js';

const np = (name: string, spec: string, ns = 'shop') =>
  `apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: ${name}, namespace: ${ns}}\nspec: ${spec}\n---\n`;
const deny = np('default-deny', '{podSelector: {}, policyTypes: [Ingress, Egress]}');
const namespace = 'apiVersion: v1\nkind: Namespace\nmetadata: {name: shop}\n---\n';

policyTable(
  'default-deny-network-policy',
  policy,
  [
    { name: 'default deny present', yaml: deploy('api') + deny },
    {
      name: 'allow rules beside the default deny',
      yaml:
        deploy('api') +
        np('allow-web', '{podSelector: {matchLabels: {app: api}}, ingress: [{}], policyTypes: [Ingress]}') +
        deny,
    },
    { name: 'namespace without workloads needs none', yaml: namespace + np('x', '{podSelector: {}}') },
  ],
  [
    {
      name: 'no policy: reported on the Namespace when rendered',
      yaml: namespace + deploy('api'),
      findings: ['Namespace/shop /metadata/name'],
    },
    {
      name: 'no policy, no Namespace: reported on the first workload',
      yaml: deploy('api') + deploy('web'),
      findings: ['Deployment/api /metadata/name'],
      messages: [/namespace "shop" has workloads but no default-deny/],
    },
    {
      name: 'workloads with no namespace set: named as where kubectl applies them, not as namespace ""',
      yaml: deploy('api', { ns: '' }),
      findings: ['Deployment/api /metadata/name'],
      messages: [/^the namespace kubectl targets \(none is set\) has workloads but no default-deny/],
    },
    {
      name: 'Ingress only',
      yaml: deploy('api') + np('default-deny', '{podSelector: {}, policyTypes: [Ingress]}'),
      findings: ['NetworkPolicy/default-deny /spec/policyTypes'],
      messages: [/policyTypes lack Egress/],
    },
    {
      name: 'policyTypes unset means Ingress only',
      yaml: deploy('api') + np('default-deny', '{podSelector: {}}'),
      findings: ['NetworkPolicy/default-deny /spec/policyTypes'],
    },
    {
      name: 'allows all egress',
      yaml: deploy('api') + np('default-deny', '{podSelector: {}, policyTypes: [Ingress, Egress], egress: [{}]}'),
      findings: ['NetworkPolicy/default-deny /spec/egress'],
      messages: [/allows egress traffic/],
    },
    {
      name: 'deny in another namespace',
      yaml: deploy('api') + np('default-deny', '{podSelector: {}, policyTypes: [Ingress, Egress]}', 'other'),
      findings: ['Deployment/api /metadata/name'],
    },
  ],
);
