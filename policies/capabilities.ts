import { sub } from '../scripts/core/manifest.js';
import type { Policy } from '../scripts/policy/types.js';
import {
  describeContainer,
  isWindows,
  perContainer,
  POD_KINDS,
  podWorkloads,
  type ContainerVerdict,
} from '../scripts/policy/workloads.js';

export interface Options {
  /** Capabilities a container may add back after dropping ALL. */
  allowedAdd: string[];
}

const policy: Policy<Options> = {
  meta: {
    id: 'capabilities',
    title: 'Containers drop ALL capabilities and add back at most NET_BIND_SERVICE',
    defaultSeverity: 'error',
    rationale:
      'The runtime default capability set includes powers such as NET_RAW and CHOWN that ordinary services never need; dropping ALL and adding back the one needed keeps the blast radius small.',
    remediation:
      'Set securityContext.capabilities.drop: [ALL] on every container; add only NET_BIND_SERVICE, and only if the process binds a port below 1024.',
    kinds: POD_KINDS,
    docs: 'docs/policies/capabilities.md',
  },
  defaults: { allowedAdd: ['NET_BIND_SERVICE'] },
  optionsSchema: {
    type: 'object',
    properties: { allowedAdd: { type: 'array', items: { type: 'string', pattern: '^[A-Z_]+$' }, uniqueItems: true } },
    additionalProperties: false,
  },
  check(ctx) {
    const allowed = new Set(ctx.options.allowedAdd);
    const linux = podWorkloads(ctx).filter((w) => !isWindows(w));
    return perContainer(
      linux,
      (w) => w.containers,
      (c) => {
        const found: ContainerVerdict[] = [];
        const base = `${c.pointer}/securityContext/capabilities`;
        const caps = sub(sub(c.container, 'securityContext'), 'capabilities');
        const drop = caps?.['drop'];
        if (!Array.isArray(drop) || !drop.includes('ALL')) {
          found.push({
            pointer: `${base}/drop`,
            message: `${describeContainer(c)} does not drop ALL capabilities`,
            hint: 'set securityContext.capabilities.drop: [ALL]',
          });
        }
        const add = caps?.['add'];
        if (Array.isArray(add)) {
          add.forEach((cap, i) => {
            if (typeof cap === 'string' && allowed.has(cap)) return;
            found.push({
              pointer: `${base}/add/${i}`,
              message: `${describeContainer(c)} adds capability ${String(cap)}`,
              hint: allowed.size ? `only ${[...allowed].join(', ')} may be added` : 'add no capabilities',
            });
          });
        }
        return found;
      },
    );
  },
};

export default policy;
