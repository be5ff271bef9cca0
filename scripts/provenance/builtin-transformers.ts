// What a builtin transformer configuration (see transformer-configs.ts) set at a pointer, as the offset, in the
// configuration's source, of the key or value a person edits. A configuration only writes where its
// `fieldSpecs` say (the namespace and image transformers also write their fixed fields), and only counts when
// the rendered value is still the one it wrote: anything else was decided elsewhere.

import { isObject, type JsonValue } from '../core/resource.js';
import { getNode, getScalar, jsOf, keyOffset, nodeStart, scalarValue } from './path.js';
import type { Subject } from './subject.js';
import { growImageName, imageEntryOffset } from './transformers.js';
import type { TransformerConfig } from './transformer-configs.js';

export interface Affix {
  prefix: string;
  suffix: string;
  /** Offsets of the `prefix` / `suffix` keys in the configuration's source, when set there. */
  prefixAt?: number;
  suffixAt?: number;
}

export interface Gvk {
  group: string;
  version: string;
  kind: string;
}

export interface ConfigQuery {
  /** The resource, by the names it had when the configuration ran. */
  subject: Subject;
  /** The rendered pointer as plain segments. */
  path: string[];
  /** The rendered value at the pointer. */
  value: JsonValue | undefined;
  /** Names the container image went by, for an image pointer. */
  images?: Set<string>;
}

/** Offset in `t.source` of what `t` set at the pointer, for the kinds that set values without a patch. */
export function configEntry(t: TransformerConfig, q: ConfigQuery): number | undefined {
  switch (t.kind) {
    case 'ReplicaCountTransformer':
      return replicaCount(t, q);
    case 'ImageTagTransformer':
      return q.images ? imageTag(t.body, q.images) : undefined;
    case 'LabelTransformer':
      return pairEntry(t, 'labels', q);
    case 'AnnotationsTransformer':
      return pairEntry(t, 'annotations', q);
    case 'NamespaceTransformer':
      return namespace(t, q);
    default:
      return undefined;
  }
}

/** The name affixes a prefix/suffix configuration gives resources of this kind, if any. */
export function configAffix(t: TransformerConfig, gvk: Gvk): Affix | undefined {
  const prefixed = t.kind === 'PrefixSuffixTransformer' || t.kind === 'PrefixTransformer';
  const suffixed = t.kind === 'PrefixSuffixTransformer' || t.kind === 'SuffixTransformer';
  if (!prefixed && !suffixed) return undefined;
  // Kustomize never renames these kinds, and renames others only through a `metadata/name` field spec.
  if (['CustomResourceDefinition', 'APIService', 'Namespace'].includes(gvk.kind)) return undefined;
  if (!fieldSpecs(t.body).some((s) => s.path === 'metadata/name' && selects(s, gvk))) return undefined;
  const affix: Affix = {
    prefix: (prefixed && getScalar(t.body, 'prefix')) || '',
    suffix: (suffixed && getScalar(t.body, 'suffix')) || '',
  };
  if (affix.prefix) affix.prefixAt = keyOffset(t.body, 'prefix');
  if (affix.suffix) affix.suffixAt = keyOffset(t.body, 'suffix');
  return affix.prefix || affix.suffix ? affix : undefined;
}

/** The key of an affix that turned `before` into `after` (the suffix when both did). */
export function affixEntry(affix: Affix, before: string, after: string): number | undefined {
  if (before === after) return undefined;
  if (affix.suffix && after.endsWith(affix.suffix)) return affix.suffixAt;
  return affix.prefixAt;
}

/** An ImageTagTransformer's `newName` gives the image a name later entries may use. */
export function growConfigImageNames(t: TransformerConfig, names: Set<string>): void {
  if (t.kind === 'ImageTagTransformer') growImageName(getNode(t.body, 'imageTag'), names);
}

function replicaCount(t: TransformerConfig, q: ConfigQuery): number | undefined {
  const replica = getNode(t.body, 'replica');
  const name = getScalar(replica, 'name');
  const count = scalarValue(getNode(replica, 'count'));
  if (name === undefined || !q.subject.names.has(name) || count === undefined || String(q.value) !== count)
    return undefined;
  if (!fieldSpecs(t.body).some((s) => selects(s, q.subject) && coversPath(s.path, q.path))) return undefined;
  return keyOffset(replica, 'count') ?? nodeStart(replica);
}

// The image transformer rewrites every container's image whatever its field specs say (checked with
// Kustomize v5.5), so only the image name decides.
function imageTag(body: unknown, names: Set<string>): number | undefined {
  return imageEntryOffset(getNode(body, 'imageTag'), names);
}

function pairEntry(t: TransformerConfig, field: 'labels' | 'annotations', q: ConfigQuery): number | undefined {
  const n = q.path.length;
  if (n < 2) return undefined;
  const key = q.path[n - 1];
  const pairs = getNode(t.body, field);
  if (scalarValue(getNode(pairs, key)) !== q.value) return undefined;
  const parent = q.path.slice(0, n - 1);
  if (!fieldSpecs(t.body).some((s) => selects(s, q.subject) && coversPath(s.path, parent))) return undefined;
  return keyOffset(pairs, key);
}

const BINDINGS = new Set(['RoleBinding', 'ClusterRoleBinding']);

function namespace(t: TransformerConfig, q: ConfigQuery): number | undefined {
  const meta = getNode(t.body, 'metadata');
  const ns = getScalar(meta, 'namespace');
  if (ns === undefined || q.value !== ns) return undefined;
  const p = q.path.join('/');
  // `metadata/namespace` is always written (for namespaced kinds), and bindings' subjects unless turned off.
  const subjects =
    BINDINGS.has(q.subject.kind) &&
    /^subjects\/\d+\/namespace$/.test(p) &&
    getScalar(t.body, 'setRoleBindingSubjects') !== 'none';
  if (
    p !== 'metadata/namespace' &&
    !subjects &&
    !fieldSpecs(t.body).some((s) => selects(s, q.subject) && coversPath(s.path, q.path))
  )
    return undefined;
  return keyOffset(meta, 'namespace');
}

interface FieldSpec {
  group?: string;
  version?: string;
  kind?: string;
  path: string;
}

function fieldSpecs(body: unknown): FieldSpec[] {
  const list = jsOf(getNode(body, 'fieldSpecs'));
  if (!Array.isArray(list)) return [];
  const out: FieldSpec[] = [];
  for (const s of list) {
    if (!isObject(s) || typeof s['path'] !== 'string') continue;
    const spec: FieldSpec = { path: s['path'] };
    for (const k of ['group', 'version', 'kind'] as const) {
      const v = s[k];
      if (typeof v === 'string' && v !== '') spec[k] = v;
    }
    out.push(spec);
  }
  return out;
}

/** A field spec's group, version and kind select the resource when each is unset or equal. */
function selects(spec: FieldSpec, gvk: Gvk): boolean {
  return (
    (spec.group === undefined || spec.group === gvk.group) &&
    (spec.version === undefined || spec.version === gvk.version) &&
    (spec.kind === undefined || spec.kind === gvk.kind)
  );
}

/** Does a field spec path (`spec/template/metadata/labels`, `spec/volumeClaimTemplates[]/metadata/labels`) name `path`? */
function coversPath(specPath: string, path: readonly string[]): boolean {
  const want: (string | null)[] = [];
  // `\/` escapes a slash inside a key; `key[]` steps into every item of a list (null: any index).
  for (const part of specPath.split(/(?<!\\)\//)) {
    if (part === '') continue;
    const key = part.replace(/\\\//g, '/');
    if (key.endsWith('[]')) want.push(key.slice(0, -2), null);
    else want.push(key);
  }
  return want.length === path.length && want.every((w, i) => (w === null ? /^\d+$/.test(path[i]) : w === path[i]));
}
