import { describe } from 'vitest';
import policy from '../../policies/readiness-probe.js';
import { deployment, table } from './harness.js';

const S = '/spec/template/spec';
const probe = '{ httpGet: { path: /, port: 80 } }';

describe('readiness-probe', () => {
  table(policy, {
    valid: [
      {
        name: 'probe set; plain init containers need none',
        yaml: deployment(
          `initContainers: [{ name: migrate, image: x }]\ncontainers: [{ name: app, image: nginx, readinessProbe: ${probe} }]`,
        ),
      },
      {
        name: 'Jobs are not long-running',
        yaml: 'apiVersion: batch/v1\nkind: Job\nmetadata: { name: j }\nspec:\n  template:\n    spec:\n      restartPolicy: Never\n      containers: [{ name: j, image: x }]\n',
      },
      {
        name: 'CronJobs are not long-running',
        yaml: "apiVersion: batch/v1\nkind: CronJob\nmetadata: { name: c }\nspec:\n  schedule: '* * * * *'\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          restartPolicy: OnFailure\n          containers: [{ name: c, image: x }]\n",
      },
      {
        name: 'a bare Pod with restartPolicy Never',
        yaml: 'apiVersion: v1\nkind: Pod\nmetadata: { name: p }\nspec:\n  restartPolicy: Never\n  containers: [{ name: a, image: x }]\n',
      },
    ],
    invalid: [
      {
        name: 'missing',
        yaml: deployment(`containers: [{ name: app, image: nginx }]`),
        findings: [{ pointer: `${S}/containers/0/readinessProbe`, message: 'container "app" has no readiness probe' }],
      },
      {
        name: 'a sidecar init container (restartPolicy Always) counts',
        yaml: deployment(
          `initContainers: [{ name: proxy, image: envoy, restartPolicy: Always }, { name: migrate, image: x }]\ncontainers: [{ name: app, image: nginx, readinessProbe: ${probe} }]`,
        ),
        findings: [{ pointer: `${S}/initContainers/0/readinessProbe`, message: 'init container "proxy"' }],
      },
      {
        name: 'a bare Pod that restarts',
        yaml: 'apiVersion: v1\nkind: Pod\nmetadata: { name: p }\nspec:\n  containers: [{ name: a, image: x }]\n',
        findings: [{ pointer: '/spec/containers/0/readinessProbe' }],
      },
      {
        name: 'DaemonSet',
        yaml: deployment(`containers: [{ name: agent, image: x }]`).replace('kind: Deployment', 'kind: DaemonSet'),
        findings: [{ pointer: `${S}/containers/0/readinessProbe`, resource: 'DaemonSet/web' }],
      },
    ],
  });
});
