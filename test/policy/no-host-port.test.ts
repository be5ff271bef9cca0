import { describe } from 'vitest';
import policy from '../../policies/no-host-port.js';
import { deployment, table } from './harness.js';

describe('no-host-port', () => {
  table(policy, {
    valid: [
      {
        name: 'container ports only',
        yaml: deployment(`containers: [{ name: app, image: nginx, ports: [{ containerPort: 8080 }] }]`),
      },
      {
        name: 'hostPort 0 means none',
        yaml: deployment(`containers: [{ name: app, image: nginx, ports: [{ containerPort: 8080, hostPort: 0 }] }]`),
      },
    ],
    invalid: [
      {
        name: 'hostPort on the second port of a sidecar',
        yaml: deployment(
          `containers: [{ name: app, image: nginx }, { name: side, image: envoy, ports: [{ containerPort: 1 }, { containerPort: 9901, hostPort: 9901 }] }]`,
        ),
        findings: [
          {
            pointer: '/spec/template/spec/containers/1/ports/1/hostPort',
            message: 'container "side" binds host port 9901',
          },
        ],
      },
    ],
  });
});
