import { effectiveLimit, limitRangeDefaults } from '../scripts/policy/container-resources.js';
import type { Policy } from '../scripts/policy/types.js';
import {
  describeContainer,
  perContainer,
  POD_KINDS,
  podWorkloads,
  resourcedContainers,
} from '../scripts/policy/workloads.js';

const policy: Policy<Record<string, never>> = {
  meta: {
    id: 'memory-limit',
    title: 'Containers set a memory limit',
    defaultSeverity: 'error',
    rationale:
      'Memory is not compressible: a container without a limit can grow until the node runs out and the kernel kills whatever it picks, often a neighbour.',
    remediation:
      'Set resources.limits.memory on every container and init container (or give the namespace a LimitRange default).',
    kinds: [...POD_KINDS, 'LimitRange'],
    docs: 'docs/policies/memory-limit.md',
  },
  defaults: {},
  check(ctx) {
    return perContainer(podWorkloads(ctx), resourcedContainers, (c, w) => {
      if (effectiveLimit(c, 'memory', limitRangeDefaults(ctx, w.resource.id.namespace))) return;
      return {
        pointer: `${c.pointer}/resources/limits/memory`,
        message: `${describeContainer(c)} has no memory limit`,
        hint: 'set resources.limits.memory',
      };
    });
  },
};

export default policy;
