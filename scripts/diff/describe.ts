// How values and changes read in text and Markdown. Sensitive values exist here only as hashes.

import { formatResourceId, type ResourceId } from '../core/diagnostic.js';
import type { JsonValue } from '../core/resource.js';
import type { DiffSection, EnvDiff, FieldChange, ResourceDiff, Shown } from './types.js';

export function showValue(s: Shown | undefined, max = 160): string {
  if (!s) return '';
  if ('hash' in s) return s.hash;
  return clip(compact(s.value), max);
}

export function compact(v: JsonValue): string {
  return typeof v === 'string' && /^[\w./:@-]+$/.test(v) ? v : JSON.stringify(v);
}

function clip(s: string, max: number): string {
  return s.length <= max ? s : `${s.slice(0, max - 1)}…`;
}

/** `path: old → new`, `path: + new`, `path: − old`; sensitive values as `changed (sha → sha)`. */
export function describeChange(c: FieldChange, max = 160): string {
  if (c.sensitive) {
    if (c.op === 'replace') return `${c.label}: changed (${showValue(c.old)} → ${showValue(c.new)})`;
    if (c.op === 'add') return `${c.label}: added (${showValue(c.new)})`;
    return `${c.label}: removed (${showValue(c.old)})`;
  }
  if (c.op === 'replace') return `${c.label}: ${showValue(c.old, max)} → ${showValue(c.new, max)}`;
  if (c.op === 'add') return `${c.label}: ${showValue(c.new, max)}`;
  return `${c.label}: ${showValue(c.old, max)}`;
}

function placed(id: ResourceId): string {
  return id.namespace ? `${id.namespace}/${id.name}` : id.name;
}

/** `Deployment.apps api (stg/stg-api → prod/api)`: the normalised identity, then the actual names. */
export function resourceTitle(r: ResourceDiff): string {
  const id = formatResourceId(r.id);
  const names = [r.a, r.b].filter((x): x is ResourceId => x !== undefined).map(placed);
  const actual = names.length === 2 ? (names[0] === names[1] ? names[0] : `${names[0]} → ${names[1]}`) : names[0];
  return actual && actual !== r.id.name ? `${id} (${actual})` : id;
}

export interface Counts {
  added: number;
  removed: number;
  modified: number;
  unchanged: number;
}

export function counts(d: EnvDiff): Counts {
  const c: Counts = { added: 0, removed: 0, modified: 0, unchanged: d.unchanged };
  for (const r of d.resources) c[r.kind]++;
  return c;
}

export function countLine(d: EnvDiff): string {
  const c = counts(d);
  return `${c.modified} modified, ${c.added} added, ${c.removed} removed, ${c.unchanged} unchanged`;
}

export function sectionSummary(s: DiffSection): string {
  if (s.status === 'unchanged') return s.reason ?? 'no differences';
  if (s.status === 'added') return s.reason ?? 'environment added';
  if (s.status === 'removed') return s.reason ?? 'environment removed';
  return s.diff ? countLine(s.diff) : (s.reason ?? 'changed');
}
