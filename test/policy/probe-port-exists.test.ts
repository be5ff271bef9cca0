import { describe } from 'vitest';
import policy from '../../policies/probe-port-exists.js';
import { deployment, table } from './harness.js';

const C = '/spec/template/spec/containers/0';
const app = (probes: string, ports = '[{ name: http, containerPort: 8080 }, { name: grpc, containerPort: 9090 }]') =>
  deployment(`containers: [{ name: app, image: x, ports: ${ports}, ${probes} }]`);

describe('probe-port-exists', () => {
  table(policy, {
    valid: [
      { name: 'named httpGet', yaml: app('readinessProbe: { httpGet: { path: /, port: http } }') },
      { name: 'numeric tcpSocket', yaml: app('livenessProbe: { tcpSocket: { port: 8080 } }') },
      { name: 'grpc on a declared number', yaml: app('startupProbe: { grpc: { port: 9090 } }') },
      { name: 'exec probes have no port', yaml: app('livenessProbe: { exec: { command: [true] } }') },
      {
        name: 'the same number declared for TCP and UDP',
        yaml: app(
          'livenessProbe: { tcpSocket: { port: 53 } }',
          '[{ name: dns-udp, containerPort: 53, protocol: UDP }, { name: dns-tcp, containerPort: 53 }]',
        ),
      },
      {
        name: 'a probe of another host is not about this container',
        yaml: app('readinessProbe: { httpGet: { host: example.com, port: 443 } }'),
      },
    ],
    invalid: [
      {
        name: 'unknown port name',
        yaml: app('readinessProbe: { httpGet: { path: /, port: metrics } }'),
        findings: [
          {
            pointer: `${C}/readinessProbe/httpGet/port`,
            message:
              'readinessProbe of container "app" targets port name metrics, which the container does not declare',
          },
        ],
      },
      {
        name: 'a TCP probe on a UDP-only port (by number)',
        yaml: app('livenessProbe: { tcpSocket: { port: 53 } }', '[{ name: dns, containerPort: 53, protocol: UDP }]'),
        findings: [
          {
            pointer: `${C}/livenessProbe/tcpSocket/port`,
            message: 'targets port 53, which the container declares for UDP only; probes connect over TCP',
          },
        ],
      },
      {
        name: 'an HTTP probe on a UDP-only port (by name)',
        yaml: app('readinessProbe: { httpGet: { port: dns } }', '[{ name: dns, containerPort: 53, protocol: UDP }]'),
        findings: [{ pointer: `${C}/readinessProbe/httpGet/port`, message: 'declares for UDP only' }],
      },
      {
        name: 'undeclared number',
        yaml: app('livenessProbe: { tcpSocket: { port: 8081 } }'),
        findings: [{ pointer: `${C}/livenessProbe/tcpSocket/port`, message: 'targets port 8081' }],
      },
      {
        name: 'grpc on an undeclared number',
        yaml: app('startupProbe: { grpc: { port: 50051 } }'),
        findings: [{ pointer: `${C}/startupProbe/grpc/port` }],
      },
      {
        name: 'a container with no ports',
        yaml: app('readinessProbe: { httpGet: { port: http } }', '[]'),
        findings: [{ pointer: `${C}/readinessProbe/httpGet/port` }],
      },
      {
        name: 'a port of another container does not count',
        yaml: deployment(
          `containers: [{ name: a, image: x, readinessProbe: { httpGet: { port: admin } } }, { name: b, image: y, ports: [{ name: admin, containerPort: 9901 }] }]`,
        ),
        findings: [{ pointer: `${C}/readinessProbe/httpGet/port` }],
      },
    ],
  });
});
