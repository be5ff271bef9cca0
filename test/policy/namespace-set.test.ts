import policy from '../../policies/namespace-set.js';
import { policyTable } from './inline.js';

const cm = (ns?: string) =>
  `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c${ns ? `, namespace: ${ns}` : ''}}\n---\n`;
const crd = (scope: string) => `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata: {name: widgets.example.com}
spec: {group: example.com, scope: ${scope}, names: {kind: Widget, plural: widgets}, versions: []}
---
`;
const widget = 'apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w}\n---\n';

policyTable(
  'namespace-set',
  policy,
  [
    { name: 'namespaced resource with a namespace', yaml: cm('shop') },
    {
      name: 'built-in and add-on cluster-scoped kinds',
      yaml: [
        'apiVersion: v1\nkind: Namespace\nmetadata: {name: shop}\n',
        'apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata: {name: r}\n',
        'apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRoleBinding\nmetadata: {name: r}\nroleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: r}\n',
        'apiVersion: scheduling.k8s.io/v1\nkind: PriorityClass\nmetadata: {name: high}\nvalue: 1000\n',
        'apiVersion: networking.k8s.io/v1\nkind: IngressClass\nmetadata: {name: nginx}\n',
        'apiVersion: storage.k8s.io/v1\nkind: StorageClass\nmetadata: {name: fast}\nprovisioner: x\n',
        'apiVersion: v1\nkind: PersistentVolume\nmetadata: {name: pv}\n',
        'apiVersion: admissionregistration.k8s.io/v1\nkind: ValidatingWebhookConfiguration\nmetadata: {name: v}\n',
        'apiVersion: cert-manager.io/v1\nkind: ClusterIssuer\nmetadata: {name: letsencrypt}\n',
        'apiVersion: external-secrets.io/v1beta1\nkind: ClusterSecretStore\nmetadata: {name: vault}\n',
      ].join('---\n'),
    },
    { name: 'CRD in the render declares Cluster scope', yaml: crd('Cluster') + widget },
    { name: 'configured cluster-scoped kind', yaml: widget, options: { clusterScoped: ['Widget.example.com'] } },
  ],
  [
    { name: 'no namespace', yaml: cm(), findings: ['ConfigMap/c /metadata/namespace'], messages: [/has no namespace/] },
    {
      name: 'default namespace',
      yaml: cm('default'),
      findings: ['ConfigMap/c /metadata/namespace'],
      messages: [/is in the default namespace/],
    },
    { name: 'unknown kinds count as namespaced', yaml: widget, findings: ['Widget/w /metadata/namespace'] },
    {
      name: 'CRD in the render declares Namespaced scope',
      yaml: crd('Namespaced') + widget,
      findings: ['Widget/w /metadata/namespace'],
    },
    {
      name: 'ClusterIssuer of another group is not exempt',
      yaml: 'apiVersion: example.com/v1\nkind: ClusterIssuer\nmetadata: {name: x}\n',
      findings: ['ClusterIssuer/x /metadata/namespace'],
    },
  ],
);
