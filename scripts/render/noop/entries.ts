// The kustomization entries that can silently do nothing: patches and transformer configs whose selector
// matches no resource, and patches, images and replicas entries whose values are already there. Read from
// every kustomization an environment builds, with what a finding needs to point at the line to edit.

import { readFileSync } from 'node:fs';
import jsYaml from 'js-yaml';
import type { JsonValue, KObject } from '../../core/resource.js';
import { isObject } from '../../core/resource.js';
import type { Closure } from '../../workspace/closure.js';
import { isInlineEntry, type Kustomization } from '../../workspace/kustomization.js';
import { absolute, joinRel } from '../../workspace/paths.js';

/** Where a finding about an entry points: a file's text and a pointer inside its (single) document. */
export interface EntryPlace {
  file: string;
  text: string;
  pointer: string;
}

interface Base {
  k: Kustomization;
  /** The kustomization field and the entry's index in it. */
  field: 'patches' | 'patchesJson6902' | 'replacements' | 'transformers' | 'images' | 'replicas';
  index: number;
  /** How the entry is named in messages: `patch target`, `PatchTransformer target`, `images entry`... */
  label: string;
  place: EntryPlace;
}

/** A selector Kustomize applies silently when it matches nothing. */
export interface Selecting extends Base {
  type: 'select';
  target: KObject;
  /** For a replacement target: its source and reject list, which its twin must repeat. */
  replacement?: { source: KObject; reject?: JsonValue };
  /** The patch itself when it could be read (a strategic merge object or JSON 6902 operations). */
  patch?: JsonValue;
  /** The entry is the only document of its place, so it can be swapped for a twin in a copy. */
  replaceable: boolean;
}

/** A patch with no selector: a strategic merge patch naming its resource. */
export interface Named extends Base {
  type: 'named';
  patch: KObject;
}

export interface ImageEntry extends Base {
  type: 'image';
  name: string;
  newName?: string;
  newTag?: string;
  digest?: string;
}

export interface ReplicasEntry extends Base {
  type: 'replicas';
  name: string;
  count: number;
}

export type NoopEntry = Selecting | Named | ImageEntry | ReplicasEntry;

/** Every such entry of the environment's kustomizations, in load order. */
export function noopEntries(walked: Closure): NoopEntry[] {
  const out: NoopEntry[] = [];
  for (const k of walked.kustomizations.values()) {
    out.push(...patchEntries(k), ...replacementEntries(k), ...transformerEntries(k), ...imageEntries(k));
    out.push(...replicasEntries(k));
  }
  return out;
}

function list(k: Kustomization, field: string): unknown[] {
  const v = k.data[field];
  return Array.isArray(v) ? v : [];
}

function own(k: Kustomization, pointer: string): EntryPlace {
  return { file: k.file, text: k.text, pointer };
}

/** A file an entry names, read from the repository (the closure holds it; the build read it too). */
function readEntryFile(k: Kustomization, path: string): { file: string; text: string } | undefined {
  const file = joinRel(k.dir, path);
  try {
    return { file, text: readFileSync(absolute(k.root, file), 'utf8') };
  } catch {
    return undefined;
  }
}

function loadAll(text: string): unknown[] {
  try {
    return jsYaml.loadAll(text, null, { schema: jsYaml.CORE_SCHEMA }).filter((d) => d !== null && d !== undefined);
  } catch {
    return [];
  }
}

/** A patch given inline (`patch:`) or by file (`path:`), parsed; undefined when unreadable or several documents. */
function patchOf(k: Kustomization, entry: KObject): JsonValue | undefined {
  const text =
    typeof entry['patch'] === 'string'
      ? entry['patch']
      : typeof entry['path'] === 'string'
        ? readEntryFile(k, entry['path'])?.text
        : undefined;
  if (text === undefined) return undefined;
  const docs = loadAll(text);
  return docs.length === 1 ? (docs[0] as JsonValue) : undefined;
}

function patchEntries(k: Kustomization): NoopEntry[] {
  const out: NoopEntry[] = [];
  for (const field of ['patches', 'patchesJson6902'] as const)
    list(k, field).forEach((p, index) => {
      if (!isObject(p)) return;
      const patch = patchOf(k, p);
      const base = { k, field, index };
      if (isObject(p['target'])) {
        out.push({
          ...base,
          type: 'select',
          label: 'patch target',
          target: p['target'],
          ...(patch !== undefined ? { patch } : {}),
          place: own(k, `/${field}/${index}/target${typeof p['target']['name'] === 'string' ? '/name' : ''}`),
          replaceable: field === 'patches',
        });
      } else if (field === 'patches' && isObject(patch) && typeof patch['kind'] === 'string') {
        out.push({
          ...base,
          type: 'named',
          label: 'patch',
          patch,
          place: own(k, `/${field}/${index}/${typeof p['path'] === 'string' ? 'path' : 'patch'}`),
        });
      }
    });
  return out;
}

/** Inline replacements, and those read from a `path:` file (one replacement or a list of them). */
function replacementEntries(k: Kustomization): NoopEntry[] {
  const out: NoopEntry[] = [];
  list(k, 'replacements').forEach((r, index) => {
    if (!isObject(r)) return;
    if (typeof r['path'] === 'string') {
      const read = readEntryFile(k, r['path']);
      const docs = read ? loadAll(read.text) : [];
      if (!read || docs.length !== 1) return;
      const items = Array.isArray(docs[0]) ? docs[0] : [docs[0]];
      items.forEach((item, i) => {
        const prefix = Array.isArray(docs[0]) ? `/${i}` : '';
        out.push(...replacementTargets(k, item, index, { file: read.file, text: read.text, prefix }));
      });
    } else
      out.push(...replacementTargets(k, r, index, { file: k.file, text: k.text, prefix: `/replacements/${index}` }));
  });
  return out;
}

function replacementTargets(
  k: Kustomization,
  r: unknown,
  index: number,
  at: { file: string; text: string; prefix: string },
  label = 'replacement target',
  field: Base['field'] = 'replacements',
): Selecting[] {
  if (!isObject(r) || !isObject(r['source']) || !Array.isArray(r['targets'])) return [];
  const source = r['source'];
  const out: Selecting[] = [];
  r['targets'].forEach((t, j) => {
    if (!isObject(t) || !isObject(t['select'])) return;
    out.push({
      type: 'select',
      k,
      field,
      index,
      label,
      target: t['select'],
      replacement: { source, ...(t['reject'] !== undefined ? { reject: t['reject'] } : {}) },
      place: {
        file: at.file,
        text: at.text,
        pointer: `${at.prefix}/targets/${j}/select${typeof t['select']['name'] === 'string' ? '/name' : ''}`,
      },
      replaceable: false,
    });
  });
  return out;
}

/**
 * Built-in transformer configs under `transformers:` (inline or by file): PatchTransformer and
 * PatchJson6902Transformer targets, ReplacementTransformer targets and ImageTagTransformer images. Findings
 * point into the config file when it holds one document, else at the kustomization entry.
 */
function transformerEntries(k: Kustomization): NoopEntry[] {
  const out: NoopEntry[] = [];
  list(k, 'transformers').forEach((t, index) => {
    if (typeof t !== 'string') return;
    const inline = isInlineEntry(k, t);
    const read = inline ? { file: k.file, text: t } : readEntryFile(k, t.trim());
    if (!read) return;
    const docs = loadAll(read.text);
    const single = docs.length === 1 && !inline;
    docs.forEach((doc) => {
      if (!isObject(doc) || doc['apiVersion'] !== 'builtin' || typeof doc['kind'] !== 'string') return;
      const kind = doc['kind'];
      const at = (pointer: string): EntryPlace =>
        single ? { file: read.file, text: read.text, pointer } : own(k, `/transformers/${index}`);
      const base = { k, field: 'transformers' as const, index };
      if ((kind === 'PatchTransformer' || kind === 'PatchJson6902Transformer') && isObject(doc['target'])) {
        const patch = typeof doc['patch'] === 'string' ? loadAll(doc['patch']) : [];
        out.push({
          ...base,
          type: 'select',
          label: `${kind} target`,
          target: doc['target'],
          ...(patch.length === 1 ? { patch: patch[0] as JsonValue } : {}),
          place: at(`/target${typeof doc['target']['name'] === 'string' ? '/name' : ''}`),
          replaceable: docs.length === 1 && kind === 'PatchTransformer' && typeof doc['patch'] === 'string',
        });
      } else if (kind === 'ReplacementTransformer' && Array.isArray(doc['replacements'])) {
        doc['replacements'].forEach((r, i) => {
          for (const s of replacementTargets(k, r, index, { file: '', text: '', prefix: `/replacements/${i}` }))
            out.push({
              ...s,
              label: 'ReplacementTransformer target',
              field: 'transformers',
              place: at(s.place.pointer),
            });
        });
      } else if (kind === 'ImageTagTransformer' && isObject(doc['imageTag'])) {
        const image = imageEntry(k, doc['imageTag'], index, 'transformers', at('/imageTag/name'));
        if (image) out.push({ ...image, label: 'ImageTagTransformer image' });
      }
    });
  });
  return out;
}

function imageEntry(
  k: Kustomization,
  img: KObject,
  index: number,
  field: 'images' | 'transformers',
  place: EntryPlace,
): ImageEntry | undefined {
  if (typeof img['name'] !== 'string' || !img['name']) return undefined;
  const str = (key: string): Record<string, string> => {
    const v = img[key];
    return typeof v === 'string' || typeof v === 'number' ? { [key]: String(v) } : {};
  };
  return {
    type: 'image',
    k,
    field,
    index,
    label: 'images entry',
    name: img['name'],
    ...str('newName'),
    ...str('newTag'),
    ...str('digest'),
    place,
  };
}

function imageEntries(k: Kustomization): NoopEntry[] {
  const out: NoopEntry[] = [];
  list(k, 'images').forEach((img, index) => {
    const e = isObject(img) ? imageEntry(k, img, index, 'images', own(k, `/images/${index}/name`)) : undefined;
    if (e) out.push(e);
  });
  return out;
}

/** `replicas` entries (one naming nothing already fails the build; one repeating the count does not). */
function replicasEntries(k: Kustomization): NoopEntry[] {
  const out: NoopEntry[] = [];
  list(k, 'replicas').forEach((r, index) => {
    if (!isObject(r) || typeof r['name'] !== 'string') return;
    const count = typeof r['count'] === 'number' ? r['count'] : Number(r['count']);
    if (!Number.isInteger(count)) return;
    out.push({
      type: 'replicas',
      k,
      field: 'replicas',
      index,
      label: 'replicas entry',
      name: r['name'],
      count,
      place: own(k, `/replicas/${index}/count`),
    });
  });
  return out;
}
