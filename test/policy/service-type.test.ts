import { describe } from 'vitest';
import policy from '../../policies/service-type.js';
import { table } from './harness.js';

const svc = (type?: string): string => `apiVersion: v1
kind: Service
metadata: { name: web, namespace: shop }
spec:
${type ? `  type: ${type}\n` : ''}  selector: { app: web }
  ports: [{ port: 80 }]
`;

describe('service-type', () => {
  table(policy, {
    valid: [
      { name: 'ClusterIP by default', yaml: svc() },
      { name: 'explicit ClusterIP', yaml: svc('ClusterIP') },
      {
        name: 'LoadBalancer where the environment allows it',
        yaml: svc('LoadBalancer'),
        options: { forbidden: ['NodePort'] },
      },
    ],
    invalid: [
      {
        name: 'NodePort',
        yaml: svc('NodePort'),
        findings: [
          {
            pointer: '/spec/type',
            message: 'Service shop/web is of type NodePort, which opens the port on every node',
          },
        ],
      },
      {
        name: 'LoadBalancer',
        yaml: svc('LoadBalancer'),
        findings: [{ pointer: '/spec/type', message: 'production does not allow it' }],
      },
      {
        name: 'ExternalName when configured',
        yaml: svc('ExternalName'),
        options: { forbidden: ['ExternalName'] },
        findings: [{ pointer: '/spec/type' }],
      },
    ],
  });
});
