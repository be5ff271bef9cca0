import { describe } from 'vitest';
import policy from '../../policies/distinct-probes.js';
import { deployment, table } from './harness.js';

describe('distinct-probes', () => {
  table(policy, {
    valid: [
      {
        name: 'different thresholds',
        yaml: deployment(
          `containers: [{ name: app, image: x, readinessProbe: { httpGet: { path: /healthz, port: 80 } }, livenessProbe: { httpGet: { path: /healthz, port: 80 }, failureThreshold: 6 } }]`,
        ),
      },
      {
        name: 'only one probe',
        yaml: deployment(`containers: [{ name: app, image: x, readinessProbe: { httpGet: { path: /, port: 80 } } }]`),
      },
    ],
    invalid: [
      {
        name: 'identical, key order aside',
        yaml: deployment(
          `containers: [{ name: app, image: x, readinessProbe: { periodSeconds: 5, httpGet: { path: /healthz, port: 80 } }, livenessProbe: { httpGet: { port: 80, path: /healthz }, periodSeconds: 5 } }]`,
        ),
        findings: [
          {
            pointer: '/spec/template/spec/containers/0/livenessProbe',
            message: 'identical liveness and readiness probes',
            severity: 'warning',
          },
        ],
      },
    ],
  });
});
