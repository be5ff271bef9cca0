// Structural comparison of two objects. Maps compare key by key; lists whose items carry merge keys are
// paired by those keys (so reordering is not a change). Unkeyed lists of equal length compare item by item;
// of different lengths they are one value, because positional pairing after an insertion reports a
// misleading cascade of edits.

import { escapePointer, isObject, type JsonValue } from '../core/resource.js';
import type { ChangeOp } from './types.js';
import type { MergeKeyLookup } from './merge-keys.js';

export interface RawChange {
  /** Segments of the RFC 6901 path: new side for add/replace, old side for remove. */
  segments: string[];
  label: string;
  op: ChangeOp;
  old?: JsonValue;
  new?: JsonValue;
  /** For `remove`: the containing map or list in the new object, where a finding can point. */
  parent?: string[];
}

export function deepEqual(a: JsonValue | undefined, b: JsonValue | undefined): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!deepEqual(a[i], b[i])) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length) return false;
  for (const k of ka) {
    if (!Object.prototype.hasOwnProperty.call(b, k)) return false;
    if (!deepEqual(a[k], b[k])) return false;
  }
  return true;
}

const IDENT = /^[A-Za-z_$][\w$-]*$/;

function labelKey(label: string, key: string): string {
  if (IDENT.test(key)) return label ? `${label}.${key}` : key;
  return `${label}[${JSON.stringify(key)}]`;
}

export function compareObjects(
  a: JsonValue,
  b: JsonValue,
  apiVersion: string,
  kind: string,
  mergeKeys: MergeKeyLookup,
): RawChange[] {
  const out: RawChange[] = [];
  walk(a, b, [], [], '', { out, apiVersion, kind, mergeKeys });
  return out;
}

interface Ctx {
  out: RawChange[];
  apiVersion: string;
  kind: string;
  mergeKeys: MergeKeyLookup;
}

function walk(a: JsonValue, b: JsonValue, pa: string[], pb: string[], label: string, ctx: Ctx): void {
  if (a === b) return;
  if (isObject(a) && isObject(b)) {
    for (const k of Object.keys(a)) {
      const l = labelKey(label, k);
      if (!Object.prototype.hasOwnProperty.call(b, k))
        ctx.out.push({ segments: [...pa, k], label: l, op: 'remove', old: a[k]!, parent: pb });
      else walk(a[k], b[k], [...pa, k], [...pb, k], l, ctx);
    }
    for (const k of Object.keys(b)) {
      if (!Object.prototype.hasOwnProperty.call(a, k))
        ctx.out.push({ segments: [...pb, k], label: labelKey(label, k), op: 'add', new: b[k]! });
    }
    return;
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    const keys = ctx.mergeKeys(ctx.apiVersion, ctx.kind, pb);
    if (keys && walkKeyed(a, b, keys, pa, pb, label, ctx)) return;
    if (a.length === b.length) {
      for (let i = 0; i < a.length; i++)
        walk(a[i], b[i], [...pa, String(i)], [...pb, String(i)], `${label}[${i}]`, ctx);
      return;
    }
    if (!deepEqual(a, b)) ctx.out.push({ segments: pb, label, op: 'replace', old: a, new: b });
    return;
  }
  if (!deepEqual(a, b)) ctx.out.push({ segments: pb, label, op: 'replace', old: a, new: b });
}

/** Pair items by merge keys; false when the lists cannot be keyed (missing or duplicate keys). */
function walkKeyed(
  a: JsonValue[],
  b: JsonValue[],
  keys: string[],
  pa: string[],
  pb: string[],
  label: string,
  ctx: Ctx,
): boolean {
  const ia = indexByKey(a, keys);
  const ib = indexByKey(b, keys);
  if (!ia || !ib) return false;
  for (const [key, i] of ia) {
    const j = ib.get(key);
    const l = `${label}[${key}]`;
    if (j === undefined) ctx.out.push({ segments: [...pa, String(i)], label: l, op: 'remove', old: a[i]!, parent: pb });
    else walk(a[i], b[j], [...pa, String(i)], [...pb, String(j)], l, ctx);
  }
  for (const [key, j] of ib) {
    if (!ia.has(key)) ctx.out.push({ segments: [...pb, String(j)], label: `${label}[${key}]`, op: 'add', new: b[j]! });
  }
  return true;
}

function indexByKey(list: JsonValue[], keys: string[]): Map<string, number> | undefined {
  const out = new Map<string, number>();
  for (let i = 0; i < list.length; i++) {
    const item = list[i];
    if (!isObject(item)) return undefined;
    const first = item[keys[0]];
    if (first === undefined || first === null || typeof first === 'object') return undefined;
    const key =
      keys.length === 1 && keys[0] === 'name'
        ? String(first)
        : keys
            .filter((k) => item[k] !== undefined && !(k === 'protocol' && item[k] === 'TCP'))
            .map((k) => `${k}=${String(item[k])}`)
            .join(',');
    if (out.has(key)) return undefined;
    out.set(key, i);
  }
  return out;
}

export function toPointer(segments: readonly string[]): string {
  return segments.map((s) => '/' + escapePointer(s)).join('');
}
