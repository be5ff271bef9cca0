// One Kubernetes release's OpenAPI v3 files → a single bundle of strict definitions, a kind index, and the
// list-merge keys the diff engine needs.

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { escapePointer } from '../core/resource.js';
import { isSchema, toStrictSchema, type Schema } from './convert.js';
import { KUBERNETES_PIN } from './pins.js';
import { addServerEnums } from './server-enums.js';

export interface GroupVersionFile {
  group: string;
  version: string;
  /** Upstream path relative to the release folder, e.g. `apis/apps/v1.json`. */
  file: string;
  schemas: Record<string, Schema>;
}

export interface KubernetesBundle {
  'x-kcfg-source': { upstream: string; pin: string; path: string };
  kubernetesVersion: string;
  /** `<apiVersion>/<Kind>` (core group: `v1/Pod`) → definition name. */
  kinds: Record<string, string>;
  definitions: Record<string, Schema>;
}

/** `<apiVersion>/<Kind>` → pointer pattern of a list (`*` for an index or map key) → the keys that identify its items. */
export type MergeKeyTable = Record<string, Record<string, string[]>>;

const TIME = 'io.k8s.apimachinery.pkg.apis.meta.v1.Time';

export function listReleases(upstreamDir: string): string[] {
  const dir = join(upstreamDir, 'kubernetes');
  return readdirSync(dir)
    .filter((v) => /^\d+\.\d+$/.test(v))
    .sort(compareVersions);
}

export function compareVersions(a: string, b: string): number {
  const [am, an] = a.split('.').map(Number) as [number, number];
  const [bm, bn] = b.split('.').map(Number) as [number, number];
  return am - bm || an - bn;
}

export function readRelease(upstreamDir: string, release: string): GroupVersionFile[] {
  const root = join(upstreamDir, 'kubernetes', release);
  if (!existsSync(root)) throw new Error(`no upstream OpenAPI for Kubernetes ${release} in ${root}`);
  const files: GroupVersionFile[] = [];
  const core = join(root, 'api', 'v1.json');
  if (existsSync(core)) files.push({ group: '', version: 'v1', file: 'api/v1.json', schemas: readSchemas(core) });
  const apis = join(root, 'apis');
  for (const group of existsSync(apis) ? readdirSync(apis).sort() : []) {
    for (const f of readdirSync(join(apis, group)).filter((n) => n.endsWith('.json')).sort()) {
      const version = f.slice(0, -'.json'.length);
      files.push({ group, version, file: `apis/${group}/${f}`, schemas: readSchemas(join(apis, group, f)) });
    }
  }
  return files;
}

function readSchemas(file: string): Record<string, Schema> {
  const doc = JSON.parse(readFileSync(file, 'utf8')) as { components?: { schemas?: Record<string, Schema> } };
  return doc.components?.schemas ?? {};
}

/** Kinds a group-version file serves: GVK-tagged definitions of that group-version, meta/v1 types excluded. */
export function servedKinds(gv: GroupVersionFile): { kind: string; definition: string }[] {
  const out: { kind: string; definition: string }[] = [];
  for (const [name, schema] of Object.entries(gv.schemas)) {
    if (name.startsWith('io.k8s.apimachinery.')) continue;
    const gvks = schema['x-kubernetes-group-version-kind'];
    if (!Array.isArray(gvks)) continue;
    for (const g of gvks as { group?: string; version?: string; kind?: string }[]) {
      if ((g.group ?? '') === gv.group && g.version === gv.version && typeof g.kind === 'string') out.push({ kind: g.kind, definition: name });
    }
  }
  return out.sort((a, b) => (a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : 0));
}

export function apiVersionOf(group: string, version: string): string {
  return group ? `${group}/${version}` : version;
}

export function buildKubernetesBundle(upstreamDir: string, release: string): { bundle: KubernetesBundle; mergeKeys: MergeKeyTable } {
  const files = readRelease(upstreamDir, release);
  const originals: Record<string, Schema> = {};
  const kinds: Record<string, string> = {};
  for (const gv of files) {
    for (const [name, schema] of Object.entries(gv.schemas)) originals[name] ??= schema;
    for (const { kind, definition } of servedKinds(gv)) kinds[`${apiVersionOf(gv.group, gv.version)}/${kind}`] = definition;
  }
  const definitions: Record<string, Schema> = {};
  for (const name of Object.keys(originals).sort()) definitions[name] = toStrictSchema(originals[name]);
  addServerEnums(definitions);
  // kubectl and many generators write `creationTimestamp: null`; the API server reads null as "unset".
  const time = definitions[TIME];
  if (time && time['type'] === 'string') time['type'] = ['string', 'null'];

  const mergeKeys: MergeKeyTable = {};
  for (const [key, definition] of Object.entries(kinds)) {
    if (key.endsWith('List')) continue;
    const table: Record<string, string[]> = {};
    collectMergeKeys(originals, originals[definition], '', table, new Set([definition]));
    if (Object.keys(table).length > 0) mergeKeys[key] = table;
  }
  return {
    bundle: {
      'x-kcfg-source': { ...KUBERNETES_PIN, pin: KUBERNETES_PIN.pin.replace('<version>', release), path: `kubernetes/${release}` },
      kubernetesVersion: release,
      kinds,
      definitions,
    },
    mergeKeys,
  };
}

/** Walk the original (un-converted) schema, following refs, recording list-map keys by pointer pattern. */
export function collectMergeKeys(defs: Record<string, Schema>, node: unknown, pointer: string, out: Record<string, string[]>, stack: Set<string>): void {
  if (!isSchema(node)) return;
  const ref = node['$ref'];
  if (typeof ref === 'string') {
    const name = ref.slice(ref.lastIndexOf('/') + 1);
    if (stack.has(name)) return;
    stack.add(name);
    collectMergeKeys(defs, defs[name], pointer, out, stack);
    stack.delete(name);
    return;
  }
  const listKeys = node['x-kubernetes-list-map-keys'];
  const patchKey = node['x-kubernetes-patch-merge-key'];
  if (node['type'] === 'array') {
    if (Array.isArray(listKeys) && listKeys.length > 0) out[pointer] = listKeys.map(String);
    else if (typeof patchKey === 'string') out[pointer] = [patchKey];
  }
  for (const junctor of ['allOf', 'anyOf', 'oneOf'] as const) {
    const branches = node[junctor];
    if (Array.isArray(branches)) for (const b of branches) collectMergeKeys(defs, b, pointer, out, stack);
  }
  const props = node['properties'];
  if (isSchema(props)) for (const k of Object.keys(props)) collectMergeKeys(defs, props[k], `${pointer}/${escapePointer(k)}`, out, stack);
  if (node['items'] !== undefined) collectMergeKeys(defs, node['items'], `${pointer}/*`, out, stack);
  if (isSchema(node['additionalProperties'])) collectMergeKeys(defs, node['additionalProperties'], `${pointer}/*`, out, stack);
}
