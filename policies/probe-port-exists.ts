import { declaredPorts, PROBES, probeOf, probePort } from '../scripts/policy/probes.js';
import type { Policy } from '../scripts/policy/types.js';
import {
  describeContainer,
  perContainer,
  POD_KINDS,
  podWorkloads,
  type ContainerVerdict,
} from '../scripts/policy/workloads.js';

const policy: Policy<Record<string, never>> = {
  meta: {
    id: 'probe-port-exists',
    title: 'Probes target a port the container declares',
    defaultSeverity: 'error',
    rationale:
      'A probe on a port name the container does not declare fails at admission, and one on an undeclared number usually means the port changed and the probe did not: the pod never becomes ready or restarts forever.',
    remediation:
      'Point httpGet.port, tcpSocket.port or grpc.port at a name or containerPort listed in the same container’s ports.',
    kinds: POD_KINDS,
    docs: 'docs/policies/probe-port-exists.md',
  },
  defaults: {},
  check(ctx) {
    return perContainer(
      podWorkloads(ctx),
      (w) => w.containers,
      (c) => {
        const found: ContainerVerdict[] = [];
        let ports: ReturnType<typeof declaredPorts> | undefined;
        for (const name of PROBES) {
          const probe = probeOf(c, name);
          if (!probe) continue;
          const target = probePort(probe, `${c.pointer}/${name}`);
          if (!target) continue;
          ports ??= declaredPorts(c);
          const ok =
            typeof target.port === 'number'
              ? ports.numbers.has(target.port)
              : /^\d+$/.test(target.port)
                ? ports.numbers.has(Number(target.port))
                : ports.names.has(target.port);
          if (ok) continue;
          const key = typeof target.port === 'string' && /^\d+$/.test(target.port) ? Number(target.port) : target.port;
          const other = ports.notTcp.get(key);
          if (other) {
            found.push({
              pointer: target.pointer,
              message: `${name} of ${describeContainer(c)} targets port ${target.port}, which the container declares for ${other} only; probes connect over TCP`,
              hint: 'probe a TCP port of the container (add one for health checks), or use an exec probe',
            });
            continue;
          }
          const known = [...ports.names, ...ports.numbers].join(', ');
          found.push({
            pointer: target.pointer,
            message: `${name} of ${describeContainer(c)} targets ${typeof target.port === 'number' ? 'port' : 'port name'} ${target.port}, which the container does not declare`,
            hint: known ? `declared ports: ${known}` : 'the container declares no ports; add it to ports[]',
          });
        }
        return found;
      },
    );
  },
};

export default policy;
