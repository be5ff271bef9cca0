// Remove ignored paths from an object before comparison (copy-on-write: untouched branches are shared).

import type { JsonValue } from '../core/resource.js';
import { couldMatchBelow, matchSegments, type PointerPattern } from './pattern.js';

const GONE = Symbol('gone');

export function stripIgnored<T extends JsonValue>(value: T, patterns: readonly PointerPattern[]): T {
  if (patterns.length === 0) return value;
  const out = strip(value, [], patterns);
  return (out === GONE ? {} : out) as T;
}

function strip(node: JsonValue, segs: string[], patterns: readonly PointerPattern[]): JsonValue | typeof GONE {
  if (segs.length > 0 && patterns.some((p) => matchSegments(p.segments, segs))) return GONE;
  if (typeof node !== 'object' || node === null) return node;
  const live = patterns.filter((p) => couldMatchBelow(p.segments, segs));
  if (live.length === 0) return node;
  if (Array.isArray(node)) {
    let changed = false;
    const out: JsonValue[] = [];
    node.forEach((v, i) => {
      const s = strip(v, [...segs, String(i)], live);
      if (s !== v) changed = true;
      if (s !== GONE) out.push(s);
    });
    return changed ? out : node;
  }
  let copy: Record<string, JsonValue> | undefined;
  for (const [k, v] of Object.entries(node)) {
    const s = strip(v, [...segs, k], live);
    if (s === v) continue;
    copy ??= { ...node };
    if (s === GONE) delete copy[k];
    else copy[k] = s;
  }
  return copy ?? node;
}
