import policy from '../../policies/ingress-backend.js';
import { policyTable } from './inline.js';

const svc = `apiVersion: v1
kind: Service
metadata: {name: api, namespace: shop}
spec:
  selector: {app: api}
  ports: [{name: http, port: 80, targetPort: 8080}, {port: 9090}]
---
`;
const ing = (backend: string, extra = '') => `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: api, namespace: shop}
spec:
${extra}  rules:
    - host: shop.example.com
      http:
        paths:
          - path: /
            pathType: Prefix
            backend: {service: ${backend}}
---
`;
const path = '/spec/rules/0/http/paths/0/backend/service';

policyTable(
  'ingress-backend',
  policy,
  [
    { name: 'port by number', yaml: svc + ing('{name: api, port: {number: 80}}') },
    { name: 'port by name', yaml: svc + ing('{name: api, port: {name: http}}') },
    { name: 'unnamed port by number', yaml: svc + ing('{name: api, port: {number: 9090}}') },
    {
      name: 'resource backends are not Services',
      yaml:
        svc +
        ing(
          '{name: api, port: {number: 80}}',
          '  defaultBackend: {resource: {apiGroup: k8s.example.com, kind: Bucket, name: static}}\n',
        ),
    },
  ],
  [
    {
      name: 'missing Service',
      yaml: svc + ing('{name: apі, port: {number: 80}}'),
      findings: [`Ingress/api ${path}/name`],
      messages: [/Service "apі" does not exist in namespace "shop"/],
    },
    {
      name: 'port number the Service lacks',
      yaml: svc + ing('{name: api, port: {number: 8080}}'),
      findings: [`Ingress/api ${path}/port/number`],
      messages: [/not a port of Service api \(ports http:80, 9090\)/],
    },
    {
      name: 'port name the Service lacks',
      yaml: svc + ing('{name: api, port: {name: https}}'),
      findings: [`Ingress/api ${path}/port/name`],
    },
    {
      name: 'Service in another namespace',
      yaml: svc.replace('namespace: shop', 'namespace: other') + ing('{name: api, port: {number: 80}}'),
      findings: [`Ingress/api ${path}/name`],
    },
    {
      name: 'default backend is checked too',
      yaml:
        svc +
        ing('{name: api, port: {number: 80}}', '  defaultBackend: {service: {name: fallback, port: {number: 80}}}\n'),
      findings: ['Ingress/api /spec/defaultBackend/service/name'],
    },
  ],
);
