// Scalars YAML 1.1 reads differently from YAML 1.2. kcfg (like Kustomize) reads YAML 1.2, where `yes`, `on`
// and `1:30` are strings; kubectl decodes manifests with a YAML 1.1 reader, where they are a boolean and an
// integer. In a field whose schema wants a string the API server then refuses the object, though every
// YAML 1.2 tool passed it. Only documents with such a plain scalar are read a second time.

import { problem } from '../codes/index.js';
import {
  escapePointer,
  getAt,
  isObject,
  type Finding,
  type JsonValue,
  type KObject,
  type Resource,
} from '../core/resource.js';
import { yamlModule } from '../resources/yaml-lazy.js';

/** A plain (unquoted) value YAML 1.1 may read as a boolean or a number, after `key:` or a list dash. */
const TRAP =
  /(?::|^\s*-)[ \t]+(?:[Yy](?:es)?|YES|[Nn]o?|NO|[Oo]n|ON|[Oo]ff|OFF|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+|[-+]?0[0-7_]+|[-+]?[0-9]+_[0-9_]*)[ \t]*(?:#.*)?$/m;

export interface Divergence {
  pointer: string;
  /** The source text as YAML 1.2 reads it (a string, or a number in another base). */
  text: string;
  /** What a YAML 1.1 reader makes of it. */
  read: boolean | number;
}

/** The last document read as YAML 1.1: the items of a `kind: List` share one document, read once. */
let last: { text: string; start: number; end: number; value: JsonValue | undefined } | undefined;

/** The resource's document as a YAML 1.1 reader sees it, or undefined when it holds no trap (or cannot be read). */
function asYaml11(doc: Resource['rendered']): JsonValue | undefined {
  if (last && last.start === doc.start && last.end === doc.end && last.text === doc.text) return last.value;
  const text = doc.text.slice(doc.start, doc.end);
  let value: JsonValue | undefined;
  if (TRAP.test(text)) {
    try {
      value = yamlModule().parse(text, { version: '1.1', uniqueKeys: false, maxAliasCount: 100 }) as JsonValue;
    } catch {
      value = undefined;
    }
  }
  last = { text: doc.text, start: doc.start, end: doc.end, value };
  return value;
}

/** Where a YAML 1.1 reader sees another value than kcfg does, in `resource`'s document. */
export function divergences(resource: Resource): Divergence[] {
  const doc = resource.rendered;
  const old = asYaml11(doc);
  if (old === undefined) return [];
  const root = doc.pointer ? getAt(old, doc.pointer) : old;
  const out: Divergence[] = [];
  walk(resource.object, root, '', out);
  return out;
}

function walk(now: JsonValue | undefined, then: unknown, pointer: string, out: Divergence[]): void {
  if (Array.isArray(now)) {
    if (Array.isArray(then)) now.forEach((v, i) => walk(v, then[i], `${pointer}/${i}`, out));
    return;
  }
  if (isObject(now)) {
    if (isObject(then))
      for (const [k, v] of Object.entries(now)) walk(v, then[k], `${pointer}/${escapePointer(k)}`, out);
    return;
  }
  if ((typeof then === 'boolean' || typeof then === 'number') && then !== now && typeof now !== 'boolean')
    out.push({ pointer, text: String(now), read: then });
}

/**
 * Findings for the divergent scalars in fields whose schema refuses what YAML 1.1 reads there: `validate`
 * checks the object as kubectl would send it.
 */
export function checkYaml11(resource: Resource, validate: (r: Resource) => Finding[]): Finding[] {
  const found = divergences(resource);
  if (found.length === 0) return [];
  const object = structuredClone(resource.object);
  for (const d of found) setAt(object, d.pointer, d.read);
  const refused = new Set(validate({ ...resource, object }).map((f) => f.pointer));
  return found
    .filter((d) => refused.has(d.pointer))
    .map((d) => ({
      ...problem('yaml/yaml11-value', { text: d.text, read: JSON.stringify(d.read) }),
      subject: resource,
      pointer: d.pointer,
    }));
}

function setAt(obj: KObject, pointer: string, value: JsonValue): void {
  const parts = pointer
    .split('/')
    .slice(1)
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
  const last = parts.pop()!;
  let cur: JsonValue | undefined = obj;
  for (const p of parts) cur = Array.isArray(cur) ? cur[Number(p)] : isObject(cur) ? cur[p] : undefined;
  if (Array.isArray(cur)) cur[Number(last)] = value;
  else if (isObject(cur)) cur[last] = value;
}
