// `replacements` copy a value from one resource into others. A copied value is edited where it comes from, so
// a pointer that a replacement target writes points at that replacement's `source` (its fieldPath line).

import { isMap, isSeq } from '../resources/yaml-lazy.js';
import type { Kustomization } from '../workspace/kustomization.js';
import { joinRel } from '../workspace/paths.js';
import { getAt, isObject, type JsonValue } from '../core/resource.js';
import { getNode, getScalar, jsOf, keyOffset, nodeStart, type Segment } from './path.js';
import { selectorMatches, toSelector, type Subject } from './subject.js';
import type { SourceCache, YamlSource } from './yaml-source.js';

export interface ReplacementHit {
  source: YamlSource;
  offset: number;
}

/** The last replacement of this layer whose targets write the pointer. */
export function replacementFor(
  k: Kustomization,
  files: SourceCache,
  subject: Subject,
  segs: readonly Segment[],
): ReplacementHit | undefined {
  const host = files.kustomization(k);
  return replacementIn(getNode(host.docs[0]?.contents, 'replacements'), host, k.dir, files, subject, segs);
}

/**
 * The same over a `replacements` list held in `host` (a kustomization or a ReplacementTransformer config):
 * each item is a replacement or a `path` (relative to the kustomization directory `dir`) to a file of them.
 */
export function replacementIn(
  list: unknown,
  host: YamlSource,
  dir: string,
  files: SourceCache,
  subject: Subject,
  segs: readonly Segment[],
): ReplacementHit | undefined {
  if (!isSeq(list)) return undefined;
  for (let i = list.items.length - 1; i >= 0; i--) {
    const item = list.items[i];
    const path = getScalar(item, 'path');
    const entries = path === undefined ? [{ node: item, source: host }] : fromFile(files.get(joinRel(dir, path)));
    for (let j = entries.length - 1; j >= 0; j--) {
      const { node, source } = entries[j];
      if (writes(node, subject, segs)) {
        const src = getNode(node, 'source');
        return { source, offset: keyOffset(src, 'fieldPath') ?? keyOffset(node, 'source') ?? nodeStart(node) };
      }
    }
  }
  return undefined;
}

/** A replacements file holds one replacement or a list of them, possibly across documents. */
function fromFile(source: YamlSource | undefined): { node: unknown; source: YamlSource }[] {
  if (!source) return [];
  const out: { node: unknown; source: YamlSource }[] = [];
  for (const doc of source.docs) {
    const c = doc.contents;
    if (isSeq(c)) for (const n of c.items) out.push({ node: n, source });
    else if (isMap(c)) out.push({ node: c, source });
  }
  return out;
}

function writes(replacement: unknown, subject: Subject, segs: readonly Segment[]): boolean {
  const targets = getNode(replacement, 'targets');
  if (!isSeq(targets)) return false;
  for (const t of targets.items) {
    const select = toSelector(jsOf(getNode(t, 'select')));
    if (!select || !selectorMatches(select, subject)) continue;
    const rejects = jsOf(getNode(t, 'reject'));
    if (
      Array.isArray(rejects) &&
      rejects.some((r) => {
        const s = toSelector(r);
        return !!s && selectorMatches(s, subject);
      })
    )
      continue;
    const fieldPaths = jsOf(getNode(t, 'fieldPaths'));
    const paths = Array.isArray(fieldPaths)
      ? fieldPaths.filter((p): p is string => typeof p === 'string')
      : ['metadata.name'];
    if (paths.some((p) => fieldPathCovers(p, subject.object, segs))) return true;
  }
  return false;
}

/**
 * Does a Kustomize field path (`spec.template.spec.containers.[name=api].image`, `spec.rules.0.host`, `*`)
 * name the pointer or one of its ancestors?
 */
export function fieldPathCovers(fieldPath: string, object: JsonValue, segs: readonly Segment[]): boolean {
  const parts = splitFieldPath(fieldPath);
  if (parts.length === 0 || parts.length > segs.length) return false;
  const raw = segs.map((s) => (s.kind === 'key' ? s.key : String(s.index)));
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i];
    const seg = segs[i];
    if (part === '*') continue;
    const sel = /^\[([^=\]]+)=([^\]]*)\]$/.exec(part);
    if (sel) {
      if (seg.kind !== 'item') return false;
      const item = getAt(
        object,
        '/' +
          raw
            .slice(0, i + 1)
            .map(esc)
            .join('/'),
      );
      if (!isObject(item) || String(item[sel[1]]) !== sel[2]) return false;
      continue;
    }
    const key = part.startsWith('[') && part.endsWith(']') ? part.slice(1, -1) : part;
    if (raw[i] !== key) return false;
  }
  return true;
}

function splitFieldPath(path: string): string[] {
  const parts: string[] = [];
  let cur = '';
  let depth = 0;
  for (const c of path) {
    if (c === '[') depth++;
    if (c === ']') depth = Math.max(0, depth - 1);
    if (c === '.' && depth === 0) {
      parts.push(cur);
      cur = '';
    } else cur += c;
  }
  parts.push(cur);
  return parts.filter((p) => p !== '');
}

function esc(s: string): string {
  return s.replace(/~/g, '~0').replace(/\//g, '~1');
}
