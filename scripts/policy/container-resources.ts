import { sub } from '../core/manifest.js';
// Container requests and limits as the API server will store them: explicit values, then requests defaulted
// from limits, then the namespace's LimitRange defaults.

import type { ContainerRef } from '../core/pods.js';
import { isObject, type Resource } from '../core/resource.js';
import { indexKey } from './run-index.js';
import type { PolicyContext } from './types.js';
import { child } from './workloads.js';

export type ResourceName = 'cpu' | 'memory';

export interface LimitRangeDefaults {
  default: Partial<Record<ResourceName, string>>;
  defaultRequest: Partial<Record<ResourceName, string>>;
  /** The LimitRange that supplies them, for messages. */
  source: Resource;
}

const RANGES = indexKey<Map<string, LimitRangeDefaults>>('limit range defaults by namespace');

/** Container-level defaults of each namespace's LimitRanges (first LimitRange to set a value wins). */
export function limitRangeDefaults(
  ctx: Pick<PolicyContext<unknown>, 'byKind' | 'index'>,
  namespace: string | undefined,
): LimitRangeDefaults | undefined {
  const byNs = ctx.index.get(RANGES, () => {
    const byNs = new Map<string, LimitRangeDefaults>();
    for (const lr of ctx.byKind('LimitRange')) {
      if (lr.id.group !== '') continue;
      const limits = child(lr.object, 'spec')?.['limits'];
      if (!Array.isArray(limits)) continue;
      const ns = lr.id.namespace ?? '';
      let entry = byNs.get(ns);
      for (const item of limits) {
        if (!isObject(item) || item['type'] !== 'Container') continue;
        entry ??= { default: {}, defaultRequest: {}, source: lr };
        for (const key of ['default', 'defaultRequest'] as const) {
          const values = child(item, key);
          for (const r of ['cpu', 'memory'] as const) {
            const v = values?.[r];
            if ((typeof v === 'string' || typeof v === 'number') && entry[key][r] === undefined)
              entry[key][r] = String(v);
          }
        }
      }
      if (entry) byNs.set(ns, entry);
    }
    return byNs;
  });
  return byNs.get(namespace ?? '');
}

export interface EffectiveValue {
  value: string;
  /** Pointer to the value in the container, or undefined when a LimitRange supplies it. */
  pointer?: string;
  via: 'explicit' | 'limit' | 'limitrange';
}

function explicit(c: ContainerRef, section: 'requests' | 'limits', r: string): string | undefined {
  const v = sub(sub(c.container, 'resources'), section)?.[r];
  return typeof v === 'string' || typeof v === 'number' ? String(v) : undefined;
}

export function effectiveRequest(
  c: ContainerRef,
  r: ResourceName,
  lr: LimitRangeDefaults | undefined,
): EffectiveValue | undefined {
  const req = explicit(c, 'requests', r);
  if (req !== undefined) return { value: req, pointer: `${c.pointer}/resources/requests/${r}`, via: 'explicit' };
  const lim = explicit(c, 'limits', r);
  if (lim !== undefined) return { value: lim, pointer: `${c.pointer}/resources/limits/${r}`, via: 'limit' };
  const fromRange = lr?.defaultRequest[r] ?? lr?.default[r];
  return fromRange !== undefined ? { value: fromRange, via: 'limitrange' } : undefined;
}

export function effectiveLimit(
  c: ContainerRef,
  r: ResourceName,
  lr: LimitRangeDefaults | undefined,
): EffectiveValue | undefined {
  const lim = explicit(c, 'limits', r);
  if (lim !== undefined) return { value: lim, pointer: `${c.pointer}/resources/limits/${r}`, via: 'explicit' };
  const fromRange = lr?.default[r];
  return fromRange !== undefined ? { value: fromRange, via: 'limitrange' } : undefined;
}

export function explicitResource(c: ContainerRef, section: 'requests' | 'limits', r: string): string | undefined {
  return explicit(c, section, r);
}
