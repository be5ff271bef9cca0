import policy from '../../policies/config-references.js';
import { policyTable } from './inline.js';

const pod = (container: string, volumes = '') => `apiVersion: apps/v1
kind: Deployment
metadata: {name: api, namespace: shop}
spec:
  selector: {matchLabels: {app: api}}
  template:
    metadata: {labels: {app: api}}
    spec:
      containers:
        - name: app
          image: ghcr.io/example-org/api:1.0
${container}${volumes}---
`;
const envCm = (name: string, key: string, optional = false) =>
  `          env:\n            - name: LEVEL\n              valueFrom: {configMapKeyRef: {name: ${name}, key: ${key}${optional ? ', optional: true' : ''}}}\n`;
const envSecret = (name: string, key: string) =>
  `          env:\n            - name: PASSWORD\n              valueFrom: {secretKeyRef: {name: ${name}, key: ${key}}}\n`;
const cm = (name: string, keys = 'LEVEL: info') =>
  `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: ${name}, namespace: shop}\ndata: {${keys}}\n---\n`;
const es = (spec: string, name = 'db') =>
  `apiVersion: external-secrets.io/v1beta1\nkind: ExternalSecret\nmetadata: {name: ${name}, namespace: shop}\nspec: ${spec}\n---\n`;
const env0 = '/spec/template/spec/containers/0/env/0/valueFrom';

policyTable(
  'config-references',
  policy,
  [
    {
      name: 'generated hash-suffixed ConfigMap, exact name',
      yaml: cm('api-config-7f8g9h2k5t') + pod(envCm('api-config-7f8g9h2k5t', 'LEVEL')),
    },
    {
      name: 'ExternalSecret target defaults to its name',
      yaml:
        es('{secretStoreRef: {name: vault}, data: [{secretKey: password, remoteRef: {key: db}}]}') +
        pod(envSecret('db', 'password')),
    },
    {
      name: 'ExternalSecret target.name',
      yaml:
        es('{target: {name: db-credentials}, data: [{secretKey: password, remoteRef: {key: db}}]}') +
        pod(envSecret('db-credentials', 'password')),
    },
    {
      name: 'ExternalSecret dataFrom: any key',
      yaml: es('{dataFrom: [{extract: {key: db}}]}') + pod(envSecret('db', 'whatever')),
    },
    {
      name: 'ExternalSecret template keys',
      yaml:
        es(
          '{target: {template: {data: {DSN: "postgres://{{ .user }}"}}}, data: [{secretKey: user, remoteRef: {key: db}}]}',
        ) + pod(envSecret('db', 'DSN')),
    },
    { name: 'optional reference to nothing', yaml: pod(envCm('feature-flags', 'X', true)) },
    {
      name: 'envFrom an existing ConfigMap',
      yaml: cm('api') + pod('          envFrom: [{configMapRef: {name: api}}]\n'),
    },
    {
      name: 'Certificate Secret mounted with tls.crt',
      yaml:
        'apiVersion: cert-manager.io/v1\nkind: Certificate\nmetadata: {name: c, namespace: shop}\nspec: {secretName: api-tls, issuerRef: {name: ca}}\n---\n' +
        pod(
          '',
          '      volumes: [{name: tls, secret: {secretName: api-tls, items: [{key: tls.crt, path: tls.crt}]}}]\n',
        ),
    },
    {
      name: 'kube-root-ca.crt exists in every namespace',
      yaml: pod(
        '',
        '      volumes: [{name: ca, projected: {sources: [{configMap: {name: kube-root-ca.crt, items: [{key: ca.crt, path: ca.crt}]}}]}}]\n',
      ),
    },
    {
      name: 'declared external',
      yaml: pod(envSecret('vendor-token', 'token')),
      options: { external: ['Secret/shop/vendor-token'] },
    },
  ],
  [
    {
      name: 'missing ConfigMap (unhashed name)',
      yaml: cm('api-config-7f8g9h2k5t') + pod(envCm('api-config', 'LEVEL')),
      findings: [`Deployment/api ${env0}/configMapKeyRef/name`],
      messages: [/container "app" env LEVEL refers to ConfigMap "api-config", which is not in namespace "shop"/],
    },
    {
      name: 'missing key',
      yaml: cm('api') + pod(envCm('api', 'LOG_LEVEL')),
      findings: [`Deployment/api ${env0}/configMapKeyRef/key`],
      messages: [/needs key "LOG_LEVEL".*has keys LEVEL/],
    },
    {
      name: 'key the ExternalSecret does not produce',
      yaml: es('{data: [{secretKey: password, remoteRef: {key: db}}]}') + pod(envSecret('db', 'username')),
      findings: [`Deployment/api ${env0}/secretKeyRef/key`],
      messages: [/produced by ExternalSecret db/],
    },
    {
      name: 'ExternalSecret in another namespace',
      yaml:
        es('{dataFrom: [{extract: {key: db}}]}').replace('namespace: shop', 'namespace: other') +
        pod(envSecret('db', 'password')),
      findings: [`Deployment/api ${env0}/secretKeyRef/name`],
    },
    {
      name: 'envFrom a missing Secret',
      yaml: pod('          envFrom: [{secretRef: {name: api-env}}]\n'),
      findings: ['Deployment/api /spec/template/spec/containers/0/envFrom/0/secretRef/name'],
    },
    {
      name: 'volume item key',
      yaml:
        cm('api') +
        pod('', '      volumes: [{name: cfg, configMap: {name: api, items: [{key: app.yaml, path: app.yaml}]}}]\n'),
      findings: ['Deployment/api /spec/template/spec/volumes/0/configMap/items/0/key'],
    },
    {
      name: 'projected secret source',
      yaml: pod('', '      volumes: [{name: all, projected: {sources: [{secret: {name: gone}}]}}]\n'),
      findings: ['Deployment/api /spec/template/spec/volumes/0/projected/sources/0/secret/name'],
    },
    {
      name: 'kube-root-ca.crt has only ca.crt',
      yaml: pod(
        '',
        '      volumes: [{name: ca, configMap: {name: kube-root-ca.crt, items: [{key: ca.pem, path: ca.pem}]}}]\n',
      ),
      findings: ['Deployment/api /spec/template/spec/volumes/0/configMap/items/0/key'],
    },
  ],
);
