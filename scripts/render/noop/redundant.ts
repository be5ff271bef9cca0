// Which entries may change nothing, judged cheaply before asking the engine: every value the entry sets is
// already in the rendered resource and already in the file the resource came from. Only such entries are
// worth the probe build that proves it (render/noop/probe.ts removes them and looks for their values); for the rest, the
// file and the output disagree, so the entry (or something after it) changed the resource.

import { readFileSync } from 'node:fs';
import jsYaml from 'js-yaml';
import type { JsonValue, KObject, Resource } from '../../core/resource.js';
import { isObject, parsePointer } from '../../core/resource.js';
import { mergeKeyOf } from '../../provenance/path.js';
import { absolute } from '../../workspace/paths.js';
import type { ImageEntry, NoopEntry, ReplicasEntry } from './entries.js';

/** A resource's key in a build's output, to pair it with the same resource in another build. */
export function resourceKey(kind: unknown, metadata: unknown): string {
  const m = isObject(metadata) ? metadata : {};
  return `${String(kind)}|${typeof m['namespace'] === 'string' ? m['namespace'] : ''}|${String(m['name'])}`;
}

const keyOf = (r: Resource): string => resourceKey(r.kind, r.object['metadata']);

export interface Suspect {
  /** Keys of the rendered resources the entry would leave as they are (for a patch, the probe's stamps say which it selected). */
  keys: string[];
  test: HoldsTest;
}

/** The entries that may change nothing: what they set is in the output and was already in the source. */
export function mayChangeNothing(
  entries: readonly NoopEntry[],
  rendered: readonly Resource[],
  root: string,
): Map<NoopEntry, Suspect> {
  const origins = new OriginDocs(root);
  const out = new Map<NoopEntry, Suspect>();
  for (const e of entries) {
    const test = holdsTest(e);
    if (!test) continue;
    const fit = rendered.filter((r) => test.domain(r) && test.holds(r.object, r));
    if (fit.length === 0) continue;
    if (fit.every((r) => r.kind !== 'Secret' && test.holds(origins.of(r), r)))
      out.set(e, { keys: fit.map(keyOf), test });
  }
  return out;
}

export interface HoldsTest {
  /** The resources the entry may apply to (a superset: the probe decides). */
  domain(r: Resource): boolean;
  /** Whether `obj` (the rendered resource `r`, or the document it came from) already has what the entry sets. */
  holds(obj: JsonValue | undefined, r: Resource): boolean;
}

function holdsTest(e: NoopEntry): HoldsTest | undefined {
  switch (e.type) {
    case 'select':
      if (e.replacement || e.patch === undefined) return undefined;
      return { domain: (r) => inSelector(r, e.target), holds: patchHolds(e.patch) };
    case 'named': {
      const meta = isObject(e.patch['metadata']) ? e.patch['metadata'] : {};
      return {
        domain: (r) =>
          r.kind === e.patch['kind'] && typeof meta['name'] === 'string' && r.id.name.includes(meta['name']),
        holds: patchHolds(e.patch),
      };
    }
    case 'image':
      return imageTest(e);
    case 'replicas':
      return replicasTest(e);
  }
}

/** Kind and a plain name (a name is a regular expression to Kustomize; one with pattern characters is not narrowed). */
function inSelector(r: Resource, target: KObject): boolean {
  if (typeof target['kind'] === 'string' && r.kind !== target['kind']) return false;
  const name = target['name'];
  return typeof name !== 'string' || /[^\w.-]/.test(name) || r.id.name.includes(name);
}

function patchHolds(patch: JsonValue): (obj: JsonValue | undefined) => boolean {
  if (Array.isArray(patch)) return (obj) => opsHold(patch, obj);
  if (!isObject(patch)) return () => false;
  // What names the resource is not a change.
  const { apiVersion: _v, kind: _k, metadata, ...rest } = patch;
  const body: KObject = { ...rest };
  if (isObject(metadata)) {
    const { name: _n, namespace: _ns, ...meta } = metadata;
    if (Object.keys(meta).length > 0) body['metadata'] = meta;
  }
  return (obj) => smpHolds(body, obj, '');
}

/** Whether `obj` already holds what strategic merge patch `patch` sets (directives count as changes). */
export function smpHolds(patch: JsonValue, obj: JsonValue | undefined, listKey: string): boolean {
  if (isObject(patch)) {
    if (!isObject(obj)) return false;
    return Object.entries(patch).every(([key, v]) => {
      if (key.startsWith('$')) return false;
      return v === null ? obj[key] === undefined : smpHolds(v, obj[key], key);
    });
  }
  if (Array.isArray(patch)) {
    if (!Array.isArray(obj)) return false;
    const keys = patch.map((item) => mergeKeyOf(listKey, item));
    if (keys.every((k) => k !== undefined))
      return patch.every((item, i) => {
        const key = keys[i];
        const found = obj.find((o) => isObject(o) && String(o[key.field]) === key.value);
        return smpHolds(item, found, '');
      });
    return sameValue(patch, obj);
  }
  return patch === obj;
}

/** JSON 6902: `test`, and `add`/`replace` of a map key that already has the value; anything else changes. */
function opsHold(ops: readonly JsonValue[], obj: JsonValue | undefined): boolean {
  return ops.every((op) => {
    if (!isObject(op) || typeof op['path'] !== 'string') return false;
    if (op['op'] === 'test') return true;
    if (op['op'] !== 'add' && op['op'] !== 'replace') return false;
    const segs = parsePointer(op['path']);
    let cur: JsonValue | undefined = obj;
    for (const s of segs.slice(0, -1)) cur = isObject(cur) ? cur[s] : Array.isArray(cur) ? cur[Number(s)] : undefined;
    const last = segs[segs.length - 1];
    // Adding to a list inserts an item: always a change.
    if (!isObject(cur) || last === undefined) return false;
    return cur[last] !== undefined && sameValue(op['value'], cur[last]);
  });
}

function sameValue(a: JsonValue | undefined, b: JsonValue | undefined): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** `registry/repo:tag@sha256:...` → `registry/repo`. */
export function imageName(ref: string): string {
  const at = ref.indexOf('@');
  const noDigest = at < 0 ? ref : ref.slice(0, at);
  const colon = noDigest.lastIndexOf(':');
  return colon > noDigest.lastIndexOf('/') ? noDigest.slice(0, colon) : noDigest;
}

const imagesOf = new WeakMap<KObject, string[]>();

/** Every `image` string of a rendered object, read once however many entries ask. */
function renderedImages(r: Resource): string[] {
  let found = imagesOf.get(r.object);
  if (!found) imagesOf.set(r.object, (found = images(r.object)));
  return found;
}

/** Every `image` string of an object, in document order. */
function images(obj: JsonValue | undefined, out: string[] = []): string[] {
  if (Array.isArray(obj)) for (const v of obj) images(v, out);
  else if (isObject(obj))
    for (const [k, v] of Object.entries(obj)) {
      if (k === 'image' && typeof v === 'string') out.push(v);
      else images(v, out);
    }
  return out;
}

/** An images entry leaves a resource alone when its images are those of the file it came from. */
function imageTest(e: ImageEntry): HoldsTest {
  const names = new Set([e.name, e.newName ?? e.name]);
  return {
    domain: (r) => renderedImages(r).some((i) => names.has(imageName(i))),
    holds: (obj, r) => sameValue(obj === r.object ? renderedImages(r) : images(obj), renderedImages(r)),
  };
}

const REPLICATED = new Set(['Deployment', 'StatefulSet', 'ReplicaSet', 'ReplicationController']);

function replicasTest(e: ReplicasEntry): HoldsTest {
  return {
    domain: (r) => REPLICATED.has(r.kind) && r.id.name.includes(e.name),
    holds: (obj) => isObject(obj) && isObject(obj['spec']) && obj['spec']['replicas'] === e.count,
  };
}

/** The document a rendered resource came from, found in its origin file by kind and the name it had there. */
class OriginDocs {
  private readonly files = new Map<string, KObject[]>();
  constructor(private readonly root: string) {}

  of(r: Resource): KObject | undefined {
    if (r.origin?.type !== 'file') return undefined;
    const docs = this.read(r.origin.file).filter((d) => d['kind'] === r.kind);
    const named = (d: KObject): string => (isObject(d['metadata']) ? String(d['metadata']['name']) : '');
    const exact = docs.filter((d) => named(d) === r.id.name);
    if (exact.length === 1) return exact[0];
    const within = docs.filter((d) => named(d) && r.id.name.includes(named(d)));
    return within.length === 1 ? within[0] : undefined;
  }

  private read(file: string): KObject[] {
    let docs = this.files.get(file);
    if (!docs) {
      try {
        docs = jsYaml
          .loadAll(readFileSync(absolute(this.root, file), 'utf8'), null, { schema: jsYaml.CORE_SCHEMA })
          .filter(isObject);
      } catch {
        docs = [];
      }
      this.files.set(file, docs);
    }
    return docs;
  }
}
