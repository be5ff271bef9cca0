// PodDisruptionBudgets and the pod templates they cover, computed once per environment, and the
// disruption controller's arithmetic for how many pods a budget lets go at once.

import type { PodDisruptionBudget } from 'kubernetes-types/policy/v1.js';
import { manifest, sub } from '../core/manifest.js';
import { asSelector, type LabelSelector } from '../core/pods.js';
import type { JsonValue, Resource } from '../core/resource.js';
import { indexKey } from './run-index.js';
import { templateIndex } from './scaling.js';
import type { PolicyContext } from './types.js';
import type { PodWorkload } from './workloads.js';

export interface Budget {
  pdb: Resource;
  selector: LabelSelector | undefined;
  /** Pod templates in the budget's namespace that its selector matches. */
  covers: PodWorkload[];
}

export interface BudgetIndex {
  budgets: Budget[];
  /** The budgets that cover each workload, in render order. */
  byWorkload: Map<Resource, Budget[]>;
}

const BUDGETS = indexKey<BudgetIndex>('disruption budgets');

export function budgetIndex(ctx: Pick<PolicyContext<unknown>, 'resources' | 'byKind' | 'index'>): BudgetIndex {
  return ctx.index.get(BUDGETS, () => buildBudgetIndex(ctx));
}

function buildBudgetIndex(ctx: Pick<PolicyContext<unknown>, 'resources' | 'byKind' | 'index'>): BudgetIndex {
  const templates = templateIndex(ctx);
  const budgets: Budget[] = [];
  const byWorkload = new Map<Resource, Budget[]>();
  for (const pdb of ctx.byKind('PodDisruptionBudget')) {
    if (pdb.id.group !== 'policy') continue;
    // policy/v1: a missing selector selects no pods, an empty one selects every pod in the namespace.
    const selector = asSelector(sub(manifest<PodDisruptionBudget>(pdb), 'spec')?.selector);
    const covers = templates.select(pdb.id.namespace ?? '', selector);
    const budget = { pdb, selector, covers };
    budgets.push(budget);
    for (const w of covers) {
      const list = byWorkload.get(w.resource);
      if (list) list.push(budget);
      else byWorkload.set(w.resource, [budget]);
    }
  }
  return { budgets, byWorkload };
}

/** An int-or-string budget value scaled to `total` pods, rounding up as the disruption controller does. */
export function scaledUp(value: JsonValue | undefined, total: number): number | undefined {
  if (typeof value === 'number' && Number.isInteger(value)) return value;
  if (typeof value === 'string') {
    const m = /^(\d+)%$/.exec(value.trim());
    if (m) return Math.ceil((Number(m[1]) * total) / 100);
    if (/^\d+$/.test(value.trim())) return Number(value.trim());
  }
  return undefined;
}

export interface Allowance {
  /** Pods the budget lets be evicted when exactly `total` healthy pods run. */
  allowed: number;
  /** The field that decides it. */
  field: 'minAvailable' | 'maxUnavailable';
  value: JsonValue;
}

/** Disruptions a budget allows with `total` healthy pods, or undefined when it sets neither field. */
export function allowedDisruptions(pdb: Resource, total: number): Allowance | undefined {
  // Manifests are JSON: an int-or-string here is a number or a string once tested.
  const spec = sub(manifest<PodDisruptionBudget>(pdb), 'spec');
  const maxUnavailable = spec?.maxUnavailable as JsonValue | undefined;
  if (maxUnavailable !== undefined && maxUnavailable !== null) {
    const n = scaledUp(maxUnavailable, total);
    if (n === undefined) return undefined;
    return { allowed: Math.max(0, Math.min(n, total)), field: 'maxUnavailable', value: maxUnavailable };
  }
  const minAvailable = spec?.minAvailable as JsonValue | undefined;
  if (minAvailable !== undefined && minAvailable !== null) {
    const n = scaledUp(minAvailable, total);
    if (n === undefined) return undefined;
    return { allowed: Math.max(0, total - n), field: 'minAvailable', value: minAvailable };
  }
  return undefined;
}
