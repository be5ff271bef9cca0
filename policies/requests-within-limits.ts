import { sub } from '../scripts/core/manifest.js';
import {
  effectiveLimit,
  effectiveRequest,
  explicitResource,
  limitRangeDefaults,
  type EffectiveValue,
} from '../scripts/policy/container-resources.js';
import { isObject } from '../scripts/core/resource.js';
import { compareQuantities, parseQuantity } from '../scripts/policy/quantity.js';
import type { Policy } from '../scripts/policy/types.js';
import {
  describeContainer,
  perContainer,
  POD_KINDS,
  podWorkloads,
  resourcedContainers,
  type ContainerVerdict,
} from '../scripts/policy/workloads.js';

const policy: Policy<Record<string, never>> = {
  meta: {
    id: 'requests-within-limits',
    title: 'Requests do not exceed limits',
    defaultSeverity: 'error',
    rationale:
      'The API server rejects a pod whose request is above its limit, so the rollout fails at apply time; catching it in review is cheaper.',
    remediation:
      'Lower the request or raise the limit so that every request is at most the limit of the same resource (quantities are compared exactly: 1Gi is more than 1G).',
    kinds: [...POD_KINDS, 'LimitRange'],
    docs: 'docs/policies/requests-within-limits.md',
  },
  defaults: {},
  check(ctx) {
    return perContainer(podWorkloads(ctx), resourcedContainers, (c, w) => {
      const found: ContainerVerdict[] = [];
      const lr = limitRangeDefaults(ctx, w.resource.id.namespace);
      const resources = sub(c.container, 'resources');
      const names = new Set<string>(['cpu', 'memory']);
      for (const section of ['requests', 'limits'] as const) {
        const values = resources?.[section];
        if (isObject(values)) for (const k of Object.keys(values)) names.add(k);
      }
      for (const name of names) {
        let req: EffectiveValue | undefined;
        let lim: EffectiveValue | undefined;
        if (name === 'cpu' || name === 'memory') {
          req = effectiveRequest(c, name, lr);
          lim = effectiveLimit(c, name, lr);
        } else {
          const r = explicitResource(c, 'requests', name);
          const l = explicitResource(c, 'limits', name);
          if (r !== undefined)
            req = {
              value: r,
              pointer: `${c.pointer}/resources/requests/${name.replace(/~/g, '~0').replace(/\//g, '~1')}`,
              via: 'explicit',
            };
          if (l !== undefined) lim = { value: l, via: 'explicit' };
        }
        if (!req || !lim || (req.via !== 'explicit' && lim.via !== 'explicit')) continue;
        const rq = parseQuantity(req.value);
        const lq = parseQuantity(lim.value);
        if (!rq || !lq || compareQuantities(rq, lq) <= 0) continue;
        const fromRange = lim.via === 'limitrange' ? ` (the default limit of LimitRange ${lr?.source.id.name})` : '';
        found.push({
          pointer: req.pointer ?? `${c.pointer}/resources/requests/${name}`,
          message: `${describeContainer(c)} requests ${req.value} ${name}, more than its limit ${lim.value}${fromRange}`,
          hint: `lower resources.requests.${name} or raise resources.limits.${name}`,
        });
      }
      return found;
    });
  },
};

export default policy;
