import policy from '../../policies/monitor-selectors.js';
import { policyTable } from './inline.js';

const svc = (ns = 'shop') => `apiVersion: v1
kind: Service
metadata: {name: api, namespace: ${ns}, labels: {app: api}}
spec:
  selector: {app: api}
  ports: [{name: metrics, port: 9090}]
---
`;
const pods = `apiVersion: apps/v1
kind: Deployment
metadata: {name: api, namespace: shop}
spec:
  selector: {matchLabels: {app: api}}
  template:
    metadata: {labels: {app: api}}
    spec:
      containers: [{name: app, image: x:1, ports: [{name: metrics, containerPort: 9090}]}]
---
`;
const sm = (selector: string, port = 'metrics', nsSel = '') => `apiVersion: monitoring.coreos.com/v1
kind: ServiceMonitor
metadata: {name: api, namespace: shop}
spec:
  selector: ${selector}
${nsSel}  endpoints: [{port: ${port}}]
---
`;
const pm = (selector: string, endpoint = '{port: metrics}') => `apiVersion: monitoring.coreos.com/v1
kind: PodMonitor
metadata: {name: api, namespace: shop}
spec:
  selector: ${selector}
  podMetricsEndpoints: [${endpoint}]
---
`;

policyTable(
  'monitor-selectors',
  policy,
  [
    { name: 'ServiceMonitor selects the Service by its labels', yaml: svc() + sm('{matchLabels: {app: api}}') },
    {
      name: 'namespaceSelector any',
      yaml: svc('other') + sm('{matchLabels: {app: api}}', 'metrics', '  namespaceSelector: {any: true}\n'),
    },
    {
      name: 'namespaceSelector matchNames',
      yaml: svc('other') + sm('{matchLabels: {app: api}}', 'metrics', '  namespaceSelector: {matchNames: [other]}\n'),
    },
    { name: 'PodMonitor by port name', yaml: pods + pm('{matchLabels: {app: api}}') },
    { name: 'PodMonitor by portNumber', yaml: pods + pm('{matchLabels: {app: api}}', '{portNumber: 9090}') },
  ],
  [
    {
      name: 'ServiceMonitor selects no Service',
      yaml: svc() + sm('{matchLabels: {app: web}}'),
      findings: ['ServiceMonitor/api /spec/selector'],
      messages: [/matches no Service in namespace "shop"/],
    },
    {
      name: 'Service only outside the scope',
      yaml: svc('other') + sm('{matchLabels: {app: api}}'),
      findings: ['ServiceMonitor/api /spec/selector'],
    },
    {
      name: 'selector matches the pods, not the Service labels',
      yaml: svc().replace(', labels: {app: api}', '') + sm('{matchLabels: {app: api}}'),
      findings: ['ServiceMonitor/api /spec/selector'],
    },
    {
      name: 'endpoint port name missing on the Service',
      yaml: svc() + sm('{matchLabels: {app: api}}', 'http-metrics'),
      findings: ['ServiceMonitor/api /spec/endpoints/0/port'],
      messages: [/"http-metrics" is not a named port/],
    },
    {
      name: 'PodMonitor selects no pods',
      yaml: pods + pm('{matchLabels: {app: web}}'),
      findings: ['PodMonitor/api /spec/selector'],
    },
    {
      name: 'PodMonitor port missing on the container',
      yaml: pods + pm('{matchLabels: {app: api}}', '{port: prom}'),
      findings: ['PodMonitor/api /spec/podMetricsEndpoints/0/port'],
    },
    {
      name: 'PodMonitor portNumber missing',
      yaml: pods + pm('{matchLabels: {app: api}}', '{portNumber: 8080}'),
      findings: ['PodMonitor/api /spec/podMetricsEndpoints/0/portNumber'],
    },
  ],
);
