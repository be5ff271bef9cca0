// Patches of one kustomization and whether one of them sets a pointer: strategic merge patches (files, inline,
// several documents per file) and JSON6902 operation lists, told apart by content as Kustomize does.

import type { Node } from 'yaml';
import { isMap, isSeq } from '../resources/yaml-lazy.js';
import type { SourceLocation } from '../core/diagnostic.js';
import { getAt, parsePointer } from '../core/resource.js';
import type { Kustomization } from '../workspace/kustomization.js';
import { joinRel } from '../workspace/paths.js';
import { getNode, getScalar, jsOf, keyOffset, mergeKeyOf, nodeStart, scalarValue, walk, type Segment } from './path.js';
import { identityMatches, selectorMatches, toSelector, type Selector, type Subject } from './subject.js';
import { embeddedSource, type SourceCache, type YamlSource } from './yaml-source.js';

export interface Patch {
  type: 'smp' | 'json6902';
  source: YamlSource;
  target?: Selector;
}

export interface LayerPatches {
  /** Each group in the order Kustomize applies it. */
  strategic: Patch[];
  patches: Patch[];
  json6902: Patch[];
}

export interface PatchHit {
  location: SourceLocation;
  /** The patch sets the value (or replaces an ancestor); otherwise it only reaches `depth` segments of it. */
  sets: boolean;
  depth: number;
}

export function layerPatches(k: Kustomization, files: SourceCache): LayerPatches {
  const host = files.kustomization(k);
  const root = host.docs[0]?.contents;
  const out: LayerPatches = { strategic: [], patches: [], json6902: [] };
  if (!root) return out;

  for (const item of seqItems(getNode(root, 'patchesStrategicMerge'))) {
    const p = strategicPatch(item, host, k.dir, files);
    if (p) out.strategic.push(p);
  }
  for (const item of seqItems(getNode(root, 'patches'))) {
    const p = patchEntry(item, host, k.dir, files);
    if (p) out.patches.push(p);
  }
  for (const item of seqItems(getNode(root, 'patchesJson6902'))) {
    const p = patchEntry(item, host, k.dir, files, 'json6902');
    if (p) out.json6902.push(p);
  }
  return out;
}

/**
 * A `patches` entry, or a PatchTransformer config: a `path` (relative to the kustomization directory `dir`)
 * or an inline patch under `inlineKey`, and an optional `target`. Without `forced`, a list of operations is JSON6902.
 */
export function patchEntry(
  item: unknown,
  host: YamlSource,
  dir: string,
  files: SourceCache,
  forced?: 'json6902',
  inlineKey = 'patch',
): Patch | undefined {
  if (!isMap(item)) return undefined;
  const path = getScalar(item, 'path');
  const inline = getNode(item, inlineKey);
  const source =
    path !== undefined ? files.get(joinRel(dir, path)) : inline ? embeddedSource(host, inline as Node) : undefined;
  if (!source) return undefined;
  const target = toSelector(jsOf(getNode(item, 'target')));
  const type = forced ?? (isSeq(source.docs[0]?.contents) ? 'json6902' : 'smp');
  return target ? { type, source, target } : { type, source };
}

/** A `patchesStrategicMerge` item: the path of a file, or (multi-line or not a file) the patch itself. */
export function strategicPatch(item: unknown, host: YamlSource, dir: string, files: SourceCache): Patch | undefined {
  const text = scalarValue(item);
  if (text === undefined) return undefined;
  const file = text.includes('\n') ? undefined : files.get(joinRel(dir, text.trim()));
  const source = file ?? embeddedSource(host, item as Node);
  return source ? { type: 'smp', source } : undefined;
}

/** The hit of the last document or operation of `patch` that concerns the pointer (later ones win). */
export function evaluatePatch(patch: Patch, subject: Subject, segs: readonly Segment[]): PatchHit | undefined {
  if (patch.type === 'json6902') {
    if (!patch.target || !selectorMatches(patch.target, subject)) return undefined;
    const ops = patch.source.docs[0]?.contents;
    return isSeq(ops) ? evaluateOps(ops.items, patch.source, subject, segs) : undefined;
  }
  let best: PatchHit | undefined;
  for (const doc of patch.source.docs) {
    const body = doc.contents;
    if (!isMap(body)) continue;
    if (patch.target ? !selectorMatches(patch.target, subject) : !ownIdentityMatches(body, subject)) continue;
    const hit = evaluateStrategic(body, patch.source, segs, !patch.target);
    if (hit && (!best || hit.sets || (!best.sets && hit.depth >= best.depth))) best = hit;
  }
  return best;
}

function ownIdentityMatches(body: unknown, subject: Subject): boolean {
  return identityMatches(
    getScalar(body, 'apiVersion'),
    getScalar(body, 'kind'),
    getScalar(body, 'metadata', 'name'),
    getScalar(body, 'metadata', 'namespace'),
    subject,
  );
}

const IDENTITY = new Set(['/apiVersion', '/kind', '/metadata/name']);

function evaluateStrategic(
  body: unknown,
  source: YamlSource,
  segs: readonly Segment[],
  identifiedBySelf: boolean,
): PatchHit | undefined {
  const pointer = segs.map((s) => `/${s.kind === 'key' ? s.key : s.index}`).join('');
  // A patch names the resource it applies to; naming it does not set those fields.
  if (IDENTITY.has(pointer) || (identifiedBySelf && pointer === '/metadata/namespace')) return undefined;
  const w = walk(body, segs, 'patch');
  if (w.depth === 0) return undefined;
  return { location: source.at(w.offset), sets: w.complete || w.replaced, depth: w.depth };
}

function evaluateOps(
  ops: readonly unknown[],
  source: YamlSource,
  subject: Subject,
  segs: readonly Segment[],
): PatchHit | undefined {
  const want = segs.map((s) => (s.kind === 'key' ? s.key : String(s.index)));
  for (let i = ops.length - 1; i >= 0; i--) {
    const op = ops[i];
    if (!isMap(op)) continue;
    const kind = getScalar(op, 'op');
    const path = getScalar(op, 'path');
    if (kind === undefined || path === undefined || kind === 'test') continue;
    let opSegs: string[];
    try {
      opSegs = parsePointer(path);
    } catch {
      continue;
    }
    if (opSegs.length > want.length) continue;
    const value = getNode(op, 'value');
    if (!opSegs.every((seg, j) => seg === want[j] || appends(seg, j, opSegs.length, kind, value, subject, segs)))
      continue;
    if (kind === 'remove') {
      // Removing a value the rendered object no longer has is what put this pointer's finding here.
      if (getAt(subject.object, '/' + want.map(escape).join('/')) !== undefined) continue;
      return { location: source.at(keyOffset(op, 'path') ?? nodeStart(op)), sets: true, depth: opSegs.length };
    }
    const rest = segs.slice(opSegs.length);
    if (value !== undefined && rest.length > 0) {
      const w = walk(value, rest, 'source');
      if (w.depth > 0) return { location: source.at(w.offset), sets: true, depth: opSegs.length + w.depth };
    }
    const at = value !== undefined ? keyOffset(op, 'value') : keyOffset(op, 'path');
    return { location: source.at(at ?? nodeStart(op)), sets: true, depth: opSegs.length };
  }
  return undefined;
}

/** `add …/-` appends: it set the rendered item when the item it added has the same merge key (or is last). */
function appends(
  seg: string,
  j: number,
  length: number,
  kind: string,
  value: unknown,
  subject: Subject,
  segs: readonly Segment[],
): boolean {
  if (seg !== '-' || j !== length - 1 || kind !== 'add') return false;
  const target = segs[j];
  if (!target || target.kind !== 'item') return false;
  const listKey = segs[j - 1]?.kind === 'key' ? (segs[j - 1] as { key: string }).key : '';
  if (target.match) {
    const added = mergeKeyOf(listKey, jsOf(value));
    return added?.field === target.match.field && added.value === target.match.value;
  }
  const list = getAt(
    subject.object,
    '/' +
      segs
        .slice(0, j)
        .map((s) => escape(s.kind === 'key' ? s.key : String(s.index)))
        .join('/'),
  );
  return Array.isArray(list) && target.index === list.length - 1;
}

function escape(s: string): string {
  return s.replace(/~/g, '~0').replace(/\//g, '~1');
}

function seqItems(node: unknown): readonly unknown[] {
  return isSeq(node) ? node.items : [];
}
