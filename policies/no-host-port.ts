import type { Policy, PolicyFinding } from '../scripts/policy/types.js';
import { isObject } from '../scripts/core/resource.js';
import { describeContainer, POD_KINDS, podWorkloads } from '../scripts/policy/workloads.js';

const policy: Policy<Record<string, never>> = {
  meta: {
    id: 'no-host-port',
    title: 'Containers do not bind host ports',
    defaultSeverity: 'error',
    rationale: 'A hostPort opens a port on the node itself, outside Service and NetworkPolicy control, and limits scheduling to one such pod per node.',
    remediation: 'Remove ports[].hostPort and expose the container through a Service.',
    kinds: POD_KINDS,
    docs: 'docs/policies/no-host-port.md',
  },
  defaults: {},
  check(ctx) {
    const out: PolicyFinding[] = [];
    for (const w of podWorkloads(ctx)) {
      for (const c of w.containers) {
        const ports = c.container['ports'];
        if (!Array.isArray(ports)) continue;
        ports.forEach((p, i) => {
          if (!isObject(p)) return;
          const hostPort = p['hostPort'];
          if (hostPort === undefined || hostPort === null || hostPort === 0) return;
          out.push({
            subject: w.resource,
            pointer: `${c.pointer}/ports/${i}/hostPort`,
            container: c.name,
            message: `${describeContainer(c)} binds host port ${String(hostPort)}`,
            hint: 'remove hostPort and expose the port through a Service',
          });
        });
      }
    }
    return out;
  },
};

export default policy;
