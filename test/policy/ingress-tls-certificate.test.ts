import policy from '../../policies/ingress-tls-certificate.js';
import { policyTable } from './inline.js';

const ing = (secret: string, annotations = '') => `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: web
  namespace: shop
${annotations}spec:
  tls: [{hosts: [shop.example.com], secretName: ${secret}}]
  rules: [{host: shop.example.com}]
---
`;
const cert = (secretName: string, ns = 'shop') => `apiVersion: cert-manager.io/v1
kind: Certificate
metadata: {name: web, namespace: ${ns}}
spec:
  secretName: ${secretName}
  dnsNames: [shop.example.com]
  issuerRef: {name: letsencrypt, kind: ClusterIssuer}
---
`;

policyTable(
  'ingress-tls-certificate',
  policy,
  [
    { name: 'Certificate produces the secret', yaml: cert('web-tls') + ing('web-tls') },
    {
      name: 'ingress-shim annotation',
      yaml: ing('web-tls', '  annotations: {cert-manager.io/cluster-issuer: letsencrypt}\n'),
    },
    {
      name: 'declared external by namespace/name',
      yaml: ing('wildcard-tls'),
      options: { external: ['shop/wildcard-tls'] },
    },
    { name: 'declared external by name', yaml: ing('wildcard-tls'), options: { external: ['wildcard-tls'] } },
    {
      name: 'ExternalSecret produces the secret',
      yaml:
        'apiVersion: external-secrets.io/v1beta1\nkind: ExternalSecret\nmetadata: {name: es, namespace: shop}\nspec: {target: {name: web-tls}, dataFrom: [{extract: {key: tls/web}}]}\n---\n' +
        ing('web-tls'),
    },
  ],
  [
    {
      name: 'nothing produces it',
      yaml: ing('web-tls'),
      findings: ['Ingress/web /spec/tls/0/secretName'],
      messages: [/no Certificate in namespace "shop" produces TLS Secret "web-tls"/],
    },
    {
      name: 'Certificate in another namespace',
      yaml: cert('web-tls', 'other') + ing('web-tls'),
      findings: ['Ingress/web /spec/tls/0/secretName'],
    },
    {
      name: 'Certificate writes another secret',
      yaml: cert('web-cert') + ing('web-tls'),
      findings: ['Ingress/web /spec/tls/0/secretName'],
    },
    {
      name: 'plain Secret is not renewed',
      yaml:
        'apiVersion: v1\nkind: Secret\nmetadata: {name: web-tls, namespace: shop}\ntype: kubernetes.io/tls\n---\n' +
        ing('web-tls'),
      findings: ['Ingress/web /spec/tls/0/secretName'],
      messages: [/plain Secret/],
    },
    {
      name: 'external entry for another namespace',
      yaml: ing('wildcard-tls'),
      options: { external: ['edge/wildcard-tls'] },
      findings: ['Ingress/web /spec/tls/0/secretName'],
    },
  ],
);
