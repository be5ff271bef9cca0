import type { Policy } from '../scripts/policy/types.js';
import { isObject } from '../scripts/core/resource.js';
import {
  describeContainer,
  perContainer,
  POD_KINDS,
  podWorkloads,
  type ContainerVerdict,
} from '../scripts/policy/workloads.js';

const policy: Policy<Record<string, never>> = {
  meta: {
    id: 'no-host-port',
    title: 'Containers do not bind host ports',
    defaultSeverity: 'error',
    rationale:
      'A hostPort opens a port on the node itself, outside Service and NetworkPolicy control, and limits scheduling to one such pod per node.',
    remediation: 'Remove ports[].hostPort and expose the container through a Service.',
    kinds: POD_KINDS,
    docs: 'docs/policies/no-host-port.md',
  },
  defaults: {},
  check(ctx) {
    return perContainer(
      podWorkloads(ctx),
      (w) => w.containers,
      (c) => {
        const ports = c.container['ports'];
        if (!Array.isArray(ports)) return;
        const found: ContainerVerdict[] = [];
        ports.forEach((p, i) => {
          if (!isObject(p)) return;
          const hostPort = p['hostPort'];
          if (hostPort === undefined || hostPort === null || hostPort === 0) return;
          found.push({
            pointer: `${c.pointer}/ports/${i}/hostPort`,
            message: `${describeContainer(c)} binds host port ${String(hostPort)}`,
            hint: 'remove hostPort and expose the port through a Service',
          });
        });
        return found;
      },
    );
  },
};

export default policy;
