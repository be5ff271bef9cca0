import { describe } from 'vitest';
import policy from '../../policies/run-as-non-root.js';
import { deployment, table } from './harness.js';

const C = '/spec/template/spec/containers/0';

describe('run-as-non-root', () => {
  table(policy, {
    valid: [
      {
        name: 'pod-level runAsNonRoot covers every container',
        yaml: deployment(`
          securityContext: { runAsNonRoot: true }
          initContainers: [{ name: init, image: busybox }]
          containers: [{ name: app, image: nginx }, { name: side, image: envoy }]`),
      },
      {
        name: 'container-level runAsNonRoot and a non-zero UID',
        yaml: deployment(`
          containers: [{ name: app, image: nginx, securityContext: { runAsNonRoot: true, runAsUser: 1000 } }]`),
      },
      {
        name: 'container runAsUser overrides a pod runAsUser 0',
        yaml: deployment(`
          securityContext: { runAsNonRoot: true, runAsUser: 0 }
          containers: [{ name: app, image: nginx, securityContext: { runAsUser: 10001 } }]`),
      },
      {
        name: 'a CronJob pod template',
        yaml: `apiVersion: batch/v1
kind: CronJob
metadata: { name: nightly, namespace: shop }
spec:
  schedule: '0 0 * * *'
  jobTemplate:
    spec:
      template:
        spec:
          securityContext: { runAsNonRoot: true }
          restartPolicy: Never
          containers: [{ name: job, image: busybox }]
`,
      },
      {
        name: 'a ConfigMap is not a workload',
        yaml: 'apiVersion: v1\nkind: ConfigMap\nmetadata: { name: x }\ndata: { a: b }\n',
      },
    ],
    invalid: [
      {
        name: 'nothing set',
        yaml: deployment(`containers: [{ name: app, image: nginx }]`),
        findings: [
          { pointer: `${C}/securityContext/runAsNonRoot`, message: 'container "app" does not set runAsNonRoot: true' },
        ],
      },
      {
        name: 'runAsUser 0 fails even with runAsNonRoot true',
        yaml: deployment(`
          securityContext: { runAsNonRoot: true }
          containers: [{ name: app, image: nginx, securityContext: { runAsUser: 0 } }]`),
        findings: [{ pointer: `${C}/securityContext/runAsUser`, message: 'runs as UID 0' }],
      },
      {
        name: 'pod runAsUser 0 reaches containers that do not override it',
        yaml: deployment(`
          securityContext: { runAsNonRoot: true, runAsUser: 0 }
          containers: [{ name: app, image: nginx }]`),
        findings: [
          {
            pointer: '/spec/template/spec/securityContext/runAsUser',
            message: /UID 0 \(from the pod securityContext\)/,
          },
        ],
      },
      {
        name: 'container runAsNonRoot false overrides the pod',
        yaml: deployment(`
          securityContext: { runAsNonRoot: true }
          containers: [{ name: app, image: nginx, securityContext: { runAsNonRoot: false } }]`),
        findings: [{ pointer: `${C}/securityContext/runAsNonRoot`, message: 'sets runAsNonRoot: false' }],
      },
      {
        name: 'init and ephemeral containers count',
        yaml: `apiVersion: v1
kind: Pod
metadata: { name: debug, namespace: shop }
spec:
  initContainers: [{ name: init, image: busybox, securityContext: { runAsUser: 0 } }]
  containers: [{ name: app, image: nginx, securityContext: { runAsNonRoot: true } }]
  ephemeralContainers: [{ name: dbg, image: busybox }]
`,
        findings: [
          {
            pointer: '/spec/initContainers/0/securityContext/runAsUser',
            message: 'init container "init" runs as UID 0',
            resource: 'Pod/debug',
          },
          { pointer: '/spec/ephemeralContainers/0/securityContext/runAsNonRoot', message: 'ephemeral container "dbg"' },
        ],
      },
    ],
  });
});
