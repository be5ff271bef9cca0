// Which field names pair the items of a list. The generated table (schemas/kubernetes/v<ver>.merge-keys.json,
// from list-map-keys and patch-merge-key) wins; a built-in table covers the common lists when it is missing
// or the kind has no schema.

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { MergeKeyTable } from './types.js';

export type MergeKeyLookup = (apiVersion: string, kind: string, listPath: readonly string[]) => string[] | undefined;

/** Keyed by the list's field name; `ports` depends on whether it sits in a container. */
const BUILTIN: Record<string, string[]> = {
  containers: ['name'],
  initContainers: ['name'],
  ephemeralContainers: ['name'],
  env: ['name'],
  volumes: ['name'],
  volumeMounts: ['mountPath'],
  volumeDevices: ['devicePath'],
  imagePullSecrets: ['name'],
  hostAliases: ['ip'],
  resourceClaims: ['name'],
  topologySpreadConstraints: ['topologyKey', 'whenUnsatisfiable'],
  conditions: ['type'],
  readinessGates: ['conditionType'],
  subjects: ['kind', 'name'],
};

export function builtinMergeKeys(listPath: readonly string[]): string[] | undefined {
  const field = listPath[listPath.length - 1];
  if (field === undefined) return undefined;
  if (field === 'ports') {
    const inContainer =
      listPath.length >= 3 && /^(containers|initContainers|ephemeralContainers)$/.test(listPath[listPath.length - 3]);
    return inContainer ? ['containerPort', 'protocol'] : ['port', 'protocol'];
  }
  return BUILTIN[field];
}

export function mergeKeyLookup(table?: MergeKeyTable): MergeKeyLookup {
  const cache = new Map<string, string[] | undefined>();
  return (apiVersion, kind, listPath) => {
    const pointer = '/' + listPath.map((s) => (/^\d+$/.test(s) ? '*' : s)).join('/');
    const key = `${apiVersion}/${kind}\u0000${pointer}`;
    if (cache.has(key)) return cache.get(key);
    const keys = table?.[`${apiVersion}/${kind}`]?.[pointer] ?? builtinMergeKeys(listPath);
    cache.set(key, keys);
    return keys;
  };
}

/**
 * Load the generated table for a Kubernetes version, or the newest release's when that version has none (list
 * keys barely change between releases); undefined when no table has been generated.
 */
export function loadMergeKeys(root: string, kubernetesVersion: string): MergeKeyTable | undefined {
  const dir = join(root, 'schemas', 'kubernetes');
  let file = join(dir, `v${kubernetesVersion}.merge-keys.json`);
  if (!existsSync(file)) {
    const newest = newestMergeKeys(dir);
    if (!newest) return undefined;
    file = join(dir, newest);
  }
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as MergeKeyTable;
  } catch {
    return undefined;
  }
}

function newestMergeKeys(dir: string): string | undefined {
  if (!existsSync(dir)) return undefined;
  const minor = (f: string): number => Number(/^v1\.(\d+)\.merge-keys\.json$/.exec(f)?.[1] ?? -1);
  return readdirSync(dir)
    .filter((f) => minor(f) >= 0)
    .sort((a, b) => minor(b) - minor(a))[0];
}
