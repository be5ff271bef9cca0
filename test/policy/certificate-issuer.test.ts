import policy from '../../policies/certificate-issuer.js';
import { policyTable } from './inline.js';

const cert = (ref: string, ns = 'shop') => `apiVersion: cert-manager.io/v1
kind: Certificate
metadata: {name: web, namespace: ${ns}}
spec:
  secretName: web-tls
  dnsNames: [shop.example.com]
  issuerRef: ${ref}
---
`;
const issuer = (kind: 'Issuer' | 'ClusterIssuer', name: string, ns = 'shop') => `apiVersion: cert-manager.io/v1
kind: ${kind}
metadata: {name: ${name}${kind === 'Issuer' ? `, namespace: ${ns}` : ''}}
spec: {selfSigned: {}}
---
`;

policyTable(
  'certificate-issuer',
  policy,
  [
    { name: 'Issuer in the namespace (kind defaults to Issuer)', yaml: issuer('Issuer', 'ca') + cert('{name: ca}') },
    {
      name: 'ClusterIssuer',
      yaml: issuer('ClusterIssuer', 'letsencrypt') + cert('{name: letsencrypt, kind: ClusterIssuer}'),
    },
    {
      name: 'declared external ClusterIssuer',
      yaml: cert('{name: letsencrypt, kind: ClusterIssuer}'),
      options: { external: ['ClusterIssuer/letsencrypt'] },
    },
    {
      name: 'external issuer type',
      yaml: cert('{name: pca, kind: AWSPCAClusterIssuer, group: awspca.cert-manager.io}'),
      options: { external: ['AWSPCAClusterIssuer.awspca.cert-manager.io/pca'] },
    },
    {
      name: 'ingress-shim annotation naming a ClusterIssuer',
      yaml:
        issuer('ClusterIssuer', 'letsencrypt') +
        'apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {name: web, namespace: shop, annotations: {cert-manager.io/cluster-issuer: letsencrypt}}\nspec: {}\n',
    },
  ],
  [
    {
      name: 'missing Issuer',
      yaml: cert('{name: ca}'),
      findings: ['Certificate/web /spec/issuerRef/name'],
      messages: [/Issuer "ca" does not exist in namespace "shop"/],
    },
    {
      name: 'Issuer in another namespace',
      yaml: issuer('Issuer', 'ca', 'other') + cert('{name: ca}'),
      findings: ['Certificate/web /spec/issuerRef/name'],
    },
    {
      name: 'ClusterIssuer named, only an Issuer exists',
      yaml: issuer('Issuer', 'letsencrypt') + cert('{name: letsencrypt, kind: ClusterIssuer}'),
      findings: ['Certificate/web /spec/issuerRef/name'],
      messages: [/ClusterIssuer "letsencrypt" does not exist in the render/],
    },
    {
      name: 'Issuer named, only a ClusterIssuer exists',
      yaml: issuer('ClusterIssuer', 'letsencrypt') + cert('{name: letsencrypt}'),
      findings: ['Certificate/web /spec/issuerRef/name'],
    },
    {
      name: 'external issuer type not declared',
      yaml: cert('{name: pca, kind: AWSPCAClusterIssuer, group: awspca.cert-manager.io}'),
      findings: ['Certificate/web /spec/issuerRef/name'],
    },
    {
      name: 'ingress-shim annotation naming a missing issuer',
      yaml: 'apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {name: web, namespace: shop, annotations: {cert-manager.io/issuer: ca}}\nspec: {}\n',
      findings: ['Ingress/web /metadata/annotations/cert-manager.io~1issuer'],
    },
  ],
);
