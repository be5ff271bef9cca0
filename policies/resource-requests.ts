import { effectiveRequest, limitRangeDefaults } from '../scripts/policy/container-resources.js';
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
    id: 'resource-requests',
    title: 'Containers request CPU and memory',
    defaultSeverity: 'error',
    rationale:
      'The scheduler places pods by their requests; a container without them is packed onto nodes as if it used nothing and is the first to be evicted under pressure.',
    remediation:
      'Set resources.requests.cpu and resources.requests.memory on every container and init container (a limit alone also sets the request, as does a LimitRange default).',
    kinds: [...POD_KINDS, 'LimitRange'],
    docs: 'docs/policies/resource-requests.md',
  },
  defaults: {},
  check(ctx) {
    return perContainer(podWorkloads(ctx), resourcedContainers, (c, w) => {
      const lr = limitRangeDefaults(ctx, w.resource.id.namespace);
      const missing = (['cpu', 'memory'] as const).filter((r) => !effectiveRequest(c, r, lr));
      if (missing.length === 0) return;
      return {
        pointer: `${c.pointer}/resources/requests`,
        message: `${describeContainer(c)} has no ${missing.join(' or ')} request`,
        hint: `set resources.requests.${missing.join(' and resources.requests.')}`,
      };
    });
  },
};

export default policy;
