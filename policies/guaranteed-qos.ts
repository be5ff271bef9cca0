import { globMatcher } from '../scripts/workspace/glob.js';
import { explicitResource } from '../scripts/policy/container-resources.js';
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

export interface Options {
  /** Workloads that must run in the Guaranteed QoS class: `Kind/namespace/name` globs, e.g. `StatefulSet/*\/postgres`. */
  workloads: string[];
}

const RESOURCES = ['cpu', 'memory'] as const;

const policy: Policy<Options> = {
  meta: {
    id: 'guaranteed-qos',
    title: 'Chosen workloads request exactly their limits (Guaranteed QoS)',
    defaultSeverity: 'error',
    rationale:
      'Pods whose every container requests exactly its CPU and memory limits get the Guaranteed QoS class: they are the last the kubelet evicts under node pressure and can get exclusive CPUs. Databases and latency-critical services are usually meant to be Guaranteed; a drifted request silently demotes them.',
    remediation: 'Set requests equal to limits for CPU and memory in every container of the workload.',
    kinds: POD_KINDS,
    docs: 'docs/policies/guaranteed-qos.md',
  },
  defaults: { workloads: [] },
  optionsSchema: {
    type: 'object',
    properties: {
      workloads: { type: 'array', items: { type: 'string', pattern: '^[^/]+/[^/]+/[^/]+$' }, uniqueItems: true },
    },
    additionalProperties: false,
  },
  check(ctx) {
    if (ctx.options.workloads.length === 0) return [];
    const matchers = ctx.options.workloads.map((p) => globMatcher(p));
    const chosen = podWorkloads(ctx).filter((w) => {
      const key = `${w.resource.kind}/${w.resource.id.namespace ?? ''}/${w.resource.id.name}`;
      return matchers.some((m) => m(key));
    });
    return perContainer(chosen, resourcedContainers, (c) => {
      const found: ContainerVerdict[] = [];
      for (const r of RESOURCES) {
        const request = explicitResource(c, 'requests', r);
        const limit = explicitResource(c, 'limits', r);
        if (limit === undefined) {
          found.push({
            pointer: `${c.pointer}/resources/limits/${r}`,
            message: `${describeContainer(c)} has no ${r} limit, so the pod is not Guaranteed`,
            hint: `set resources.limits.${r} and the same resources.requests.${r}`,
          });
          continue;
        }
        // An unset request defaults to the limit: still Guaranteed.
        if (request === undefined) continue;
        const a = parseQuantity(request);
        const b = parseQuantity(limit);
        if (a && b && compareQuantities(a, b) === 0) continue;
        found.push({
          pointer: `${c.pointer}/resources/requests/${r}`,
          message: `${describeContainer(c)} requests ${request} ${r} but is limited to ${limit}, so the pod is not Guaranteed`,
          hint: `set resources.requests.${r} to ${limit}`,
        });
      }
      return found;
    });
  },
};

export default policy;
