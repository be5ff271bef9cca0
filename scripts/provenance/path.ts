// Pointers name list items by index, but an index in the rendered output need not be the index in a base
// file or a patch (patches add, reorder and remove items). A semantic path names list items by merge key
// (`containers[name=api]`), the way strategic merge patches match them, so it can be followed in any source.

import type { Node, Pair } from 'yaml';
import { isMap, isPair, isScalar, isSeq } from '../resources/yaml-lazy.js';
import { isObject, parsePointer, type JsonValue } from '../core/resource.js';

export type Segment =
  { kind: 'key'; key: string } | { kind: 'item'; index: number; match?: { field: string; value: string } };

/** Merge keys of well-known lists; any other list of objects with a `name` is matched by name. */
const LIST_KEYS: Record<string, string[]> = {
  ports: ['containerPort', 'port', 'name'],
  volumeMounts: ['mountPath', 'name'],
  volumeDevices: ['devicePath', 'name'],
  hostAliases: ['ip'],
  topologySpreadConstraints: ['topologyKey'],
};

export function mergeKeyOf(listKey: string, item: JsonValue | undefined): { field: string; value: string } | undefined {
  if (!isObject(item)) return undefined;
  for (const field of LIST_KEYS[listKey] ?? ['name']) {
    const v = item[field];
    if (typeof v === 'string' || typeof v === 'number') return { field, value: String(v) };
  }
  return undefined;
}

/** The rendered pointer as a semantic path: list items carry the merge key of the rendered item they name. */
export function semanticPath(object: JsonValue, pointer: string): Segment[] {
  const segs: Segment[] = [];
  let cur: JsonValue | undefined = object;
  let parentKey = '';
  for (const raw of parsePointer(pointer)) {
    if (Array.isArray(cur) && /^(0|[1-9]\d*)$/.test(raw)) {
      const index = Number(raw);
      const item: JsonValue | undefined = cur[index];
      const match = mergeKeyOf(parentKey, item);
      segs.push(match ? { kind: 'item', index, match } : { kind: 'item', index });
      cur = item;
    } else {
      segs.push({ kind: 'key', key: raw });
      cur = isObject(cur) ? cur[raw] : undefined;
      parentKey = raw;
    }
  }
  return segs;
}

export interface Walk {
  /** Number of segments followed. */
  depth: number;
  /** Offset of the deepest node reached (the key, for a map entry). */
  offset: number;
  node: unknown;
  complete: boolean;
  /** A strategic merge patch replaces (not merges) what lies below the deepest node reached. */
  replaced: boolean;
}

/**
 * Follow `segs` through a YAML node. In `patch` mode the node is a strategic merge patch: lists of items
 * without a merge key and maps marked `$patch: replace` are replaced wholesale, and deleted items are skipped.
 */
export function walk(root: unknown, segs: readonly Segment[], mode: 'source' | 'patch'): Walk {
  let node = root;
  let offset = nodeStart(root);
  let depth = 0;
  let replaced = false;
  for (const seg of segs) {
    if (mode === 'patch' && isMap(node) && scalarValue(pairOf(node.items, '$patch')?.value) === 'replace')
      replaced = true;
    const next = step(node, seg, mode);
    if (!next) {
      if (mode === 'patch' && seg.kind === 'item' && !seg.match && isSeq(node)) replaced = true;
      break;
    }
    if (mode === 'patch' && seg.kind === 'item' && !seg.match) replaced = true;
    node = next.node;
    offset = next.offset;
    depth++;
  }
  return { depth, offset, node, complete: depth === segs.length, replaced };
}

function step(node: unknown, seg: Segment, mode: 'source' | 'patch'): { node: unknown; offset: number } | undefined {
  if (seg.kind === 'key') {
    if (!isMap(node)) return undefined;
    const pair = pairOf(node.items, seg.key);
    if (!pair) return undefined;
    return { node: pair.value, offset: nodeStart(pair.key) ?? nodeStart(pair.value) };
  }
  if (!isSeq(node)) return undefined;
  if (seg.match) {
    const { field, value } = seg.match;
    for (const item of node.items) {
      if (!isMap(item)) continue;
      if (scalarValue(pairOf(item.items, field)?.value) !== value) continue;
      if (mode === 'patch' && scalarValue(pairOf(item.items, '$patch')?.value) === 'delete') continue;
      return { node: item, offset: nodeStart(item) };
    }
    return undefined;
  }
  const item = node.items[seg.index];
  return item === undefined ? undefined : { node: item, offset: nodeStart(item) };
}

export function pairOf(items: readonly unknown[], key: string): Pair | undefined {
  for (const p of items) if (isPair(p) && scalarValue(p.key) === key) return p;
  return undefined;
}

export function scalarValue(node: unknown): string | undefined {
  if (!isScalar(node)) return undefined;
  const v = node.value;
  return v === null || v === undefined ? undefined : String(v);
}

export function nodeStart(node: unknown): number {
  const range = (node as Node | null | undefined)?.range;
  return range ? range[0] : 0;
}

/** Value at a plain key path of a YAML node (no lists), e.g. `metadata.name`. */
export function getScalar(node: unknown, ...keys: string[]): string | undefined {
  let cur = node;
  for (const k of keys) {
    if (!isMap(cur)) return undefined;
    cur = pairOf(cur.items, k)?.value;
  }
  return scalarValue(cur);
}

export function getNode(node: unknown, ...keys: string[]): unknown {
  let cur = node;
  for (const k of keys) {
    if (!isMap(cur)) return undefined;
    cur = pairOf(cur.items, k)?.value;
  }
  return cur;
}

/** Offset of the key `key` in map `node` (or of the map itself when absent). */
export function keyOffset(node: unknown, key: string): number | undefined {
  if (!isMap(node)) return undefined;
  const pair = pairOf(node.items, key);
  return pair ? nodeStart(pair.key) : undefined;
}

/** Plain JSON of a YAML node (undefined for anything that fails to convert). */
export function jsOf(node: unknown): JsonValue | undefined {
  if (node === undefined || node === null || typeof (node as { toJSON?: unknown }).toJSON !== 'function')
    return undefined;
  try {
    return (node as { toJSON(): JsonValue }).toJSON();
  } catch {
    return undefined;
  }
}
