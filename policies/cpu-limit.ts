import type { LimitRange } from 'kubernetes-types/core/v1.js';
import { manifest, sub } from '../scripts/core/manifest.js';
import { effectiveLimit, explicitResource, limitRangeDefaults } from '../scripts/policy/container-resources.js';
import { isObject, type Resource } from '../scripts/core/resource.js';
import type { Policy, PolicyFinding } from '../scripts/policy/types.js';
import {
  describeContainer,
  perContainer,
  POD_KINDS,
  podWorkloads,
  resourcedContainers,
} from '../scripts/policy/workloads.js';

export interface Options {
  /** `required`: every container sets a CPU limit; `forbidden`: none does (throttling hurts latency); `allowed`: no opinion. */
  mode: 'required' | 'allowed' | 'forbidden';
}

const policy: Policy<Options> = {
  meta: {
    id: 'cpu-limit',
    title: 'CPU limits follow the team rule (required, allowed or forbidden)',
    defaultSeverity: 'error',
    rationale:
      'Teams disagree: a CPU limit caps a noisy neighbour but throttles a bursty service even when the node is idle. This policy enforces whichever rule the configuration picks.',
    remediation:
      'With mode required, set resources.limits.cpu on every container; with mode forbidden, remove it and rely on requests for fair sharing.',
    kinds: [...POD_KINDS, 'LimitRange'],
    docs: 'docs/policies/cpu-limit.md',
  },
  defaults: { mode: 'allowed' },
  optionsSchema: {
    type: 'object',
    properties: { mode: { enum: ['required', 'allowed', 'forbidden'] } },
    additionalProperties: false,
  },
  check(ctx) {
    const mode = ctx.options.mode;
    if (mode === 'allowed') return [];
    const fromRanges = mode === 'forbidden' ? defaultedLimits(ctx.byKind('LimitRange')) : [];
    const fromContainers = perContainer(podWorkloads(ctx), resourcedContainers, (c, w) => {
      const pointer = `${c.pointer}/resources/limits/cpu`;
      if (mode === 'required' && !effectiveLimit(c, 'cpu', limitRangeDefaults(ctx, w.resource.id.namespace))) {
        return {
          pointer,
          message: `${describeContainer(c)} has no CPU limit (required by configuration)`,
          hint: 'set resources.limits.cpu',
        };
      }
      if (mode === 'forbidden' && explicitResource(c, 'limits', 'cpu') !== undefined) {
        return {
          pointer,
          message: `${describeContainer(c)} sets a CPU limit (forbidden by configuration)`,
          hint: 'remove resources.limits.cpu and size resources.requests.cpu instead',
        };
      }
    });
    return [...fromRanges, ...fromContainers];
  },
};

/** A LimitRange default CPU limit puts a limit on every container that sets none. */
function defaultedLimits(ranges: readonly Resource[]): PolicyFinding[] {
  const out: PolicyFinding[] = [];
  for (const lr of ranges) {
    const limits = sub(manifest<LimitRange>(lr), 'spec')?.limits;
    if (!Array.isArray(limits)) continue;
    limits.forEach((item: unknown, i) => {
      if (
        isObject(item) &&
        item['type'] === 'Container' &&
        isObject(item['default']) &&
        item['default']['cpu'] !== undefined
      ) {
        out.push({
          subject: lr,
          pointer: `/spec/limits/${i}/default/cpu`,
          message: 'LimitRange gives every container a default CPU limit (CPU limits are forbidden by configuration)',
          hint: 'remove default.cpu from the LimitRange',
        });
      }
    });
  }
  return out;
}

export default policy;
