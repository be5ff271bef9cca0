import policy from '../../policies/recommended-labels.js';
import { policyTable } from './inline.js';

const all =
  '{app.kubernetes.io/name: api, app.kubernetes.io/instance: api-prod, app.kubernetes.io/version: "1.0", app.kubernetes.io/component: server, app.kubernetes.io/part-of: shop, app.kubernetes.io/managed-by: kustomize}';
const workload = (meta: string, template: string, kind = 'Deployment') => `apiVersion: apps/v1
kind: ${kind}
metadata: {name: api, namespace: shop, labels: ${meta}}
spec:
  selector: {matchLabels: {app.kubernetes.io/name: api}}
  template:
    metadata: {labels: ${template}}
    spec: {containers: [{name: app, image: x:1}]}
---
`;

policyTable(
  'recommended-labels',
  policy,
  [
    { name: 'all six on workload and template', yaml: workload(all, all) },
    {
      name: 'configured subset',
      yaml: workload('{app.kubernetes.io/name: api}', '{app.kubernetes.io/name: api}'),
      options: { labels: ['app.kubernetes.io/name'] },
    },
    {
      name: 'kinds not configured are skipped',
      yaml: workload('{}', '{}', 'DaemonSet'),
      options: { kinds: ['Deployment'] },
    },
    {
      name: 'bare Pods are not workloads here',
      yaml: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p, namespace: shop}\nspec: {containers: [{name: c, image: x:1}]}\n',
    },
  ],
  [
    {
      name: 'template lacks labels',
      yaml: workload(all, '{app.kubernetes.io/name: api}'),
      findings: ['Deployment/api /spec/template/metadata/labels'],
      messages: [/pod template lacks recommended labels app.kubernetes.io\/instance, .*managed-by/],
    },
    {
      name: 'workload metadata lacks one',
      yaml: workload(all.replace(', app.kubernetes.io/part-of: shop', ''), all),
      findings: ['Deployment/api /metadata/labels'],
      messages: [/metadata lacks recommended label app.kubernetes.io\/part-of$/],
    },
    {
      name: 'CronJob template is the job template',
      yaml: `apiVersion: batch/v1\nkind: CronJob\nmetadata: {name: report, namespace: shop, labels: ${all}}\nspec:\n  schedule: "0 * * * *"\n  jobTemplate:\n    spec:\n      template:\n        spec: {restartPolicy: Never, containers: [{name: c, image: x:1}]}\n`,
      findings: ['CronJob/report /spec/jobTemplate/spec/template/metadata/labels'],
    },
  ],
);
