// Run-time readers for the generated lookup tables: list-merge keys (diff) and API availability (deprecations).

import type { ApiAvailability } from './availability.js';
import type { CrdBundle } from './crds.js';
import type { MergeKeyTable } from './kubernetes.js';
import { availableKubernetesVersions, crdBundleFiles, readSchemaFile, schemasDir } from './location.js';

export type { ApiAvailability } from './availability.js';
export type { MergeKeyTable } from './kubernetes.js';

const mergeTables = new Map<string, MergeKeyTable>();

/**
 * `<apiVersion>/<Kind>` → pointer pattern of a list (`*` = any index or map key) → keys identifying its items,
 * for built-in kinds of `kubernetesVersion` (the newest bundle when that version has none) and bundled CRDs.
 */
export function mergeKeyTable(kubernetesVersion: string, root: string = schemasDir()): MergeKeyTable {
  const available = availableKubernetesVersions(root);
  const version = available.includes(kubernetesVersion) ? kubernetesVersion : available[available.length - 1];
  const slot = `${root}\u0000${version ?? ''}`;
  let table = mergeTables.get(slot);
  if (table) return table;
  table = {};
  for (const rel of crdBundleFiles(root)) {
    const bundle = JSON.parse(readSchemaFile(root, rel)!.text) as CrdBundle;
    for (const [key, entry] of Object.entries(bundle.kinds)) if (entry.mergeKeys) table[key] = entry.mergeKeys;
  }
  // Releases without a table of their own use the newest one: list keys barely change between releases.
  const builtin = version
    ? (readSchemaFile(root, `kubernetes/v${version}.merge-keys.json`) ??
      [...available].reverse().map((v) => readSchemaFile(root, `kubernetes/v${v}.merge-keys.json`)).find((f) => f))
    : undefined;
  if (builtin) Object.assign(table, JSON.parse(builtin.text) as MergeKeyTable);
  mergeTables.set(slot, table);
  return table;
}

let availability: { root: string; table: ApiAvailability } | undefined;

/** First and last Kubernetes release serving each `<apiVersion>/<Kind>` (1.23 to the newest upstream release). */
export function apiAvailability(root: string = schemasDir()): ApiAvailability {
  if (availability?.root !== root) {
    const file = readSchemaFile(root, 'api-availability.json');
    if (!file) throw new Error(`kcfg installation is missing ${root}/api-availability.json`);
    availability = { root, table: JSON.parse(file.text) as ApiAvailability };
  }
  return availability.table;
}
