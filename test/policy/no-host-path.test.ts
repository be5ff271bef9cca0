import { describe } from 'vitest';
import policy from '../../policies/no-host-path.js';
import { deployment, table } from './harness.js';

describe('no-host-path', () => {
  table(policy, {
    valid: [
      {
        name: 'emptyDir and configMap volumes',
        yaml: deployment(
          `volumes: [{ name: tmp, emptyDir: {} }, { name: cfg, configMap: { name: app } }]\ncontainers: [{ name: app, image: nginx }]`,
        ),
      },
    ],
    invalid: [
      {
        name: 'hostPath volume',
        yaml: deployment(
          `volumes: [{ name: tmp, emptyDir: {} }, { name: sock, hostPath: { path: /var/run/docker.sock } }]\ncontainers: [{ name: app, image: nginx }]`,
        ),
        findings: [
          {
            pointer: '/spec/template/spec/volumes/1/hostPath',
            message: 'volume "sock" mounts a host path (/var/run/docker.sock)',
          },
        ],
      },
    ],
  });
});
