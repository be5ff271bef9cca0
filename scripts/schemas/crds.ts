// CustomResourceDefinition → one strict schema per served version (plus its CEL rules and merge keys).
// Used by the generator for the pinned CRDs and at run time for CRDs found in a render.

import { isSchema, toStrictSchema, type CelRuleSet, type Schema } from './convert.js';
import { collectMergeKeys } from './kubernetes.js';

export interface CrdKindSchema {
  schema: Schema;
  /** CEL rules by pointer pattern; `self` binds to the value at that pattern. */
  cel?: CelRuleSet[];
  /** Pointer pattern of a list → the keys that identify its items. */
  mergeKeys?: Record<string, string[]>;
  scope: 'Namespaced' | 'Cluster';
}

export interface CrdBundle {
  'x-kcfg-source': { upstream: string; pin: string; path: string };
  /** `<group>/<version>/<Kind>` → schema. */
  kinds: Record<string, CrdKindSchema>;
}

export interface CrdConversion {
  kinds: Record<string, CrdKindSchema>;
  /** Why a served version could not be used (no schema, bad shape); empty when all is well. */
  problems: string[];
}

export function isCrd(obj: unknown): boolean {
  return isSchema(obj) && obj['kind'] === 'CustomResourceDefinition' && typeof obj['apiVersion'] === 'string' && obj['apiVersion'].startsWith('apiextensions.k8s.io/');
}

export function convertCrd(crd: unknown): CrdConversion {
  const kinds: Record<string, CrdKindSchema> = {};
  const problems: string[] = [];
  const spec = isSchema(crd) ? crd['spec'] : undefined;
  if (!isSchema(spec)) return { kinds, problems: ['has no spec'] };
  const group = spec['group'];
  const names = spec['names'];
  const kind = isSchema(names) ? names['kind'] : undefined;
  if (typeof group !== 'string' || typeof kind !== 'string') return { kinds, problems: ['has no spec.group or spec.names.kind'] };
  const scope = spec['scope'] === 'Cluster' ? 'Cluster' : 'Namespaced';
  const versions = Array.isArray(spec['versions']) ? spec['versions'] : [];
  for (const v of versions) {
    if (!isSchema(v) || typeof v['name'] !== 'string' || v['served'] === false) continue;
    const versionSchema = v['schema'];
    const open = isSchema(versionSchema) ? versionSchema['openAPIV3Schema'] : undefined;
    if (!isSchema(open)) {
      problems.push(`version ${v['name']} has no schema.openAPIV3Schema`);
      continue;
    }
    const cel: CelRuleSet[] = [];
    const schema = toStrictSchema(open, { cel });
    const mergeKeys: Record<string, string[]> = {};
    collectMergeKeys({}, open, '', mergeKeys, new Set());
    const entry: CrdKindSchema = { schema, scope };
    if (cel.length > 0) entry.cel = cel;
    if (Object.keys(mergeKeys).length > 0) entry.mergeKeys = mergeKeys;
    kinds[`${group}/${v['name']}/${kind}`] = entry;
  }
  return { kinds, problems };
}
