// Kubernetes schemas for every supported minor, stored once. Most definitions are the same from one release to
// the next, so each definition body is kept once in kubernetes/definitions.json under `<name>@<content hash>`,
// and each release's file holds only what changed since the release before it (`base`): kinds and definition
// keys that were added or changed, `null` for the removed. The oldest release holds them all.

import { createHash } from 'node:crypto';
import { stableStringify } from './json.js';
import type { KubernetesBundle } from './kubernetes.js';

type Schema = Record<string, unknown>;

/** One release's file: its differences from `base`. */
export interface VersionDelta {
  'x-kcfg-source'?: unknown;
  kubernetesVersion: string;
  base?: string;
  kinds: Record<string, string | null>;
  /** Definition name → key in definitions.json (`null`: removed in this release). */
  definitions: Record<string, string | null>;
}

export const DEFINITION_STORE = 'kubernetes/definitions.json';

export function definitionKey(name: string, schema: Schema): string {
  return `${name}@${createHash('sha1').update(stableStringify(schema, 0)).digest('hex').slice(0, 10)}`;
}

/** Releases oldest first → their delta files, and the shared definition store. */
export function chainReleases(bundles: readonly KubernetesBundle[]): {
  deltas: VersionDelta[];
  store: Record<string, Schema>;
} {
  const store: Record<string, Schema> = {};
  const deltas: VersionDelta[] = [];
  let prev: { version: string; kinds: Record<string, string>; keys: Record<string, string> } | undefined;
  for (const b of bundles) {
    const keys: Record<string, string> = {};
    for (const [name, schema] of Object.entries(b.definitions)) {
      const key = definitionKey(name, schema);
      store[key] = schema;
      keys[name] = key;
    }
    deltas.push({
      'x-kcfg-source': b['x-kcfg-source'],
      kubernetesVersion: b.kubernetesVersion,
      ...(prev ? { base: prev.version } : {}),
      kinds: prev ? difference(prev.kinds, b.kinds) : b.kinds,
      definitions: prev ? difference(prev.keys, keys) : keys,
    });
    prev = { version: b.kubernetesVersion, kinds: b.kinds, keys };
  }
  return { deltas, store: Object.fromEntries(Object.keys(store).sort().map((k) => [k, store[k]])) };
}

function difference(before: Record<string, string>, after: Record<string, string>): Record<string, string | null> {
  const out: Record<string, string | null> = {};
  for (const [k, v] of Object.entries(after)) if (before[k] !== v) out[k] = v;
  for (const k of Object.keys(before)) if (!(k in after)) out[k] = null;
  return out;
}

/** A release's full maps, applying the deltas from the oldest release up to it. */
export function resolveRelease(chain: readonly VersionDelta[]): { kinds: Record<string, string>; keys: Record<string, string> } {
  const kinds: Record<string, string> = {};
  const keys: Record<string, string> = {};
  for (const d of chain) {
    apply(kinds, d.kinds);
    apply(keys, d.definitions);
  }
  return { kinds, keys };
}

function apply(target: Record<string, string>, delta: Record<string, string | null>): void {
  for (const [k, v] of Object.entries(delta)) {
    if (v === null) delete target[k];
    else target[k] = v;
  }
}

/** A release's files as read from a schemas folder: the chain of deltas (oldest first) and one hash for all. */
export interface StoredRelease {
  chain: VersionDelta[];
  /** Changes whenever any file of the chain changes (store keys carry their content hash). */
  hash: string;
}

/** Reads `kubernetes/v<version>.json` and the releases it builds on; undefined when the release is not there. */
export function readStoredRelease(
  read: (rel: string) => { text: string; hash: string } | undefined,
  version: string,
): StoredRelease | undefined {
  const chain: VersionDelta[] = [];
  const hashes: string[] = [];
  for (let v: string | undefined = version; v !== undefined; ) {
    const file = read(`kubernetes/v${v}.json`);
    if (!file) return undefined;
    const delta = JSON.parse(file.text) as VersionDelta;
    chain.unshift(delta);
    hashes.push(file.hash);
    if (chain.length > 100) throw new Error(`schemas/kubernetes/v${version}.json: its base chain loops`);
    v = delta.base;
  }
  return { chain, hash: createHash('sha1').update(hashes.join('\n')).digest('hex') };
}
