import {
  effectiveLimit,
  effectiveRequest,
  limitRangeDefaults,
  type ResourceName,
} from '../scripts/policy/container-resources.js';
import { compareQuantities, parseQuantity, type Quantity } from '../scripts/policy/quantity.js';
import type { Policy } from '../scripts/policy/types.js';
import {
  describeContainer,
  perContainer,
  POD_KINDS,
  podWorkloads,
  resourcedContainers,
  type ContainerVerdict,
} from '../scripts/policy/workloads.js';

export interface Bound {
  min?: string;
  max?: string;
}

export interface Options {
  requests: Partial<Record<ResourceName, Bound>>;
  limits: Partial<Record<ResourceName, Bound>>;
}

const QUANTITY_PATTERN = '^[+]?(\\d+(\\.\\d*)?|\\.\\d+)(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E|[eE][+-]?\\d+)?$';
const bound = {
  type: 'object',
  properties: {
    min: { type: 'string', pattern: QUANTITY_PATTERN },
    max: { type: 'string', pattern: QUANTITY_PATTERN },
  },
  additionalProperties: false,
};
const perResource = { type: 'object', properties: { cpu: bound, memory: bound }, additionalProperties: false };

const policy: Policy<Options> = {
  meta: {
    id: 'resource-bounds',
    title: 'Requests and limits stay within the configured floors and ceilings',
    defaultSeverity: 'error',
    rationale:
      'A request far below what a service needs starves it; one far above what a node offers cannot schedule. Floors and ceilings per environment keep sizes in a sane range.',
    remediation:
      'Adjust the container resources into the configured range, or change the range in policies/config.yaml (per environment under environments.<env>.policies.resource-bounds.options).',
    kinds: [...POD_KINDS, 'LimitRange'],
    docs: 'docs/policies/resource-bounds.md',
  },
  defaults: { requests: {}, limits: {} },
  optionsSchema: {
    type: 'object',
    properties: { requests: perResource, limits: perResource },
    additionalProperties: false,
  },
  check(ctx) {
    const checks: { section: 'requests' | 'limits'; name: ResourceName; min?: Quantity; max?: Quantity }[] = [];
    for (const section of ['requests', 'limits'] as const) {
      for (const name of ['cpu', 'memory'] as const) {
        const b = ctx.options[section]?.[name];
        if (!b) continue;
        const min = b.min !== undefined ? parseQuantity(b.min) : undefined;
        const max = b.max !== undefined ? parseQuantity(b.max) : undefined;
        if (min || max) checks.push({ section, name, ...(min ? { min } : {}), ...(max ? { max } : {}) });
      }
    }
    if (checks.length === 0) return [];
    return perContainer(podWorkloads(ctx), resourcedContainers, (c, w) => {
      const found: ContainerVerdict[] = [];
      const lr = limitRangeDefaults(ctx, w.resource.id.namespace);
      for (const chk of checks) {
        const eff = chk.section === 'requests' ? effectiveRequest(c, chk.name, lr) : effectiveLimit(c, chk.name, lr);
        if (!eff || eff.via === 'limitrange') continue;
        const q = parseQuantity(eff.value);
        if (!q) continue;
        const what = `${chk.name} ${chk.section === 'requests' ? 'request' : 'limit'}`;
        let problem: string | undefined;
        if (chk.min && compareQuantities(q, chk.min) < 0) problem = `below the floor ${chk.min.text}`;
        else if (chk.max && compareQuantities(q, chk.max) > 0) problem = `above the ceiling ${chk.max.text}`;
        if (!problem) continue;
        found.push({
          pointer: eff.pointer ?? `${c.pointer}/resources/${chk.section}/${chk.name}`,
          message: `${describeContainer(c)} ${what} ${eff.value} is ${problem} for environment ${ctx.env.name}`,
          hint: `keep resources.${chk.section}.${chk.name} between ${chk.min?.text ?? '0'} and ${chk.max?.text ?? 'any size'}`,
        });
      }
      return found;
    });
  },
};

export default policy;
