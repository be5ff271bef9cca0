// Pointer patterns: `/spec/replicas`, `/spec/template/spec/containers/*/image`, `/metadata/annotations/**`.
// `*` matches one segment, `**` any number of segments (zero included). An optional `Kind:` or
// `group/Kind:` prefix limits a pattern to one kind.

import { ConfigError } from '../core/errors.js';
import { parsePointer } from '../core/resource.js';

export interface PointerPattern {
  source: string;
  group?: string;
  kind?: string;
  segments: string[];
}

export function compilePattern(source: string): PointerPattern {
  const colon = source.startsWith('/') ? -1 : source.indexOf(':/');
  let pointer = source;
  const out: PointerPattern = { source, segments: [] };
  if (colon > 0) {
    const gk = source.slice(0, colon);
    pointer = source.slice(colon + 1);
    const slash = gk.lastIndexOf('/');
    if (slash >= 0) {
      out.group = gk.slice(0, slash);
      out.kind = gk.slice(slash + 1);
    } else out.kind = gk;
  }
  if (!pointer.startsWith('/')) throw new ConfigError(`pointer pattern "${source}" must start with "/"`);
  out.segments = parsePointer(pointer);
  return out;
}

export function appliesToKind(p: PointerPattern, group: string, kind: string): boolean {
  if (p.kind !== undefined && p.kind !== '*' && p.kind !== kind) return false;
  if (p.group !== undefined && p.group !== '*' && p.group !== group) return false;
  return true;
}

/** Whether `path` (segments) matches the whole pattern. */
export function matchSegments(pattern: readonly string[], path: readonly string[]): boolean {
  return match(pattern, 0, path, 0);
}

function match(p: readonly string[], i: number, s: readonly string[], j: number): boolean {
  while (i < p.length) {
    const seg = p[i];
    if (seg === '**') {
      if (i === p.length - 1) return true;
      for (let k = j; k <= s.length; k++) if (match(p, i + 1, s, k)) return true;
      return false;
    }
    if (j >= s.length) return false;
    if (seg !== '*' && seg !== s[j]) return false;
    i++;
    j++;
  }
  return j === s.length;
}

/** Whether `path` or one of its ancestors matches: a rule on `/metadata/labels` covers every label. */
export function matchesPathOrAncestor(pattern: readonly string[], path: readonly string[]): boolean {
  for (let n = path.length; n >= 0; n--) if (matchSegments(pattern, path.slice(0, n))) return true;
  return false;
}

/** Whether some descendant of `path` (or `path` itself) could match: used to decide whether to walk further. */
export function couldMatchBelow(pattern: readonly string[], path: readonly string[]): boolean {
  return prefixMatch(pattern, 0, path, 0);
}

function prefixMatch(p: readonly string[], i: number, s: readonly string[], j: number): boolean {
  while (j < s.length) {
    if (i >= p.length) return false;
    const seg = p[i];
    if (seg === '**') return true;
    if (seg !== '*' && seg !== s[j]) return false;
    i++;
    j++;
  }
  return true;
}
