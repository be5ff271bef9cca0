import { describe } from 'vitest';
import policy from '../../policies/startup-probe.js';
import { deployment, table } from './harness.js';

const live = (delay: number, extra = '') =>
  deployment(
    `containers: [{ name: app, image: x, livenessProbe: { tcpSocket: { port: 80 }, initialDelaySeconds: ${delay} }${extra} }]`,
  );

describe('startup-probe', () => {
  table(policy, {
    valid: [
      { name: 'short delay', yaml: live(10) },
      { name: 'exactly the threshold', yaml: live(30) },
      {
        name: 'long delay with a startup probe',
        yaml: live(120, ', startupProbe: { tcpSocket: { port: 80 }, failureThreshold: 30 }'),
      },
      { name: 'a configured threshold', yaml: live(90), options: { maxLivenessDelaySeconds: 120 } },
    ],
    invalid: [
      {
        name: 'long delay',
        yaml: live(31),
        findings: [
          {
            pointer: '/spec/template/spec/containers/0/livenessProbe/initialDelaySeconds',
            message: 'delays its liveness probe by 31s (more than 30s) without a startup probe',
            severity: 'warning',
          },
        ],
      },
      {
        name: 'a lower threshold',
        yaml: live(10),
        options: { maxLivenessDelaySeconds: 5 },
        findings: [{ pointer: '/spec/template/spec/containers/0/livenessProbe/initialDelaySeconds' }],
      },
    ],
  });
});
