// ConfigMaps and Secrets made by `configMapGenerator` / `secretGenerator`: the entry that made them, and for a
// data key the literal, file or env-file line that provides it. Values are never read into any message.

import { posix } from 'node:path';
import { isSeq } from '../resources/yaml-lazy.js';
import type { SourceLocation } from '../core/diagnostic.js';
import type { Kustomization } from '../workspace/kustomization.js';
import { joinRel } from '../workspace/paths.js';
import { getNode, getScalar, nodeStart, scalarValue } from './path.js';
import { seqOf } from './transformers.js';
import type { SourceCache, YamlSource } from './yaml-source.js';

export type GeneratorField = 'configMapGenerator' | 'secretGenerator';

export function generatorField(generator: string, kind: string): GeneratorField | undefined {
  if (/^configmap/i.test(generator)) return 'configMapGenerator';
  if (/^secret/i.test(generator)) return 'secretGenerator';
  if (kind === 'ConfigMap') return 'configMapGenerator';
  if (kind === 'Secret') return 'secretGenerator';
  return undefined;
}

/**
 * The entry generating `name` in this kustomization. Where the resource was first generated any entry counts;
 * in a later layer only one that merges into or replaces it.
 */
export function generatorEntry(
  root: unknown,
  field: GeneratorField,
  names: Iterable<string>,
  defining: boolean,
): unknown {
  const wanted = new Set(names);
  const entries = seqOf(getNode(root, field));
  for (let i = entries.length - 1; i >= 0; i--) {
    const e = entries[i];
    const name = getScalar(e, 'name');
    if (name === undefined || !wanted.has(name)) continue;
    const behavior = getScalar(e, 'behavior') ?? 'create';
    if (defining || behavior === 'merge' || behavior === 'replace') return e;
  }
  return undefined;
}

/** Names of the generator entries of a kind in a kustomization (to recognise a generated resource's name). */
export function generatorNames(root: unknown, field: GeneratorField): string[] {
  return seqOf(getNode(root, field))
    .map((e) => getScalar(e, 'name'))
    .filter((n): n is string => n !== undefined);
}

/** Where an entry provides data key `key`: a `KEY=value` literal, a `files` entry, or the env file's line. */
export function dataKeyLocation(
  entry: unknown,
  key: string,
  k: Kustomization,
  host: YamlSource,
  files: SourceCache,
): SourceLocation | undefined {
  const literals = getNode(entry, 'literals');
  if (isSeq(literals)) {
    for (let i = literals.items.length - 1; i >= 0; i--) {
      const text = scalarValue(literals.items[i]);
      if (text !== undefined && literalKey(text) === key) return host.at(nodeStart(literals.items[i]));
    }
  }
  const fileList = getNode(entry, 'files');
  if (isSeq(fileList)) {
    for (const item of fileList.items) {
      const text = scalarValue(item);
      if (text !== undefined && fileKey(text) === key) return host.at(nodeStart(item));
    }
  }
  const envItems = [...(isSeq(getNode(entry, 'envs')) ? (getNode(entry, 'envs') as { items: unknown[] }).items : [])];
  const single = getNode(entry, 'env');
  if (single) envItems.push(single);
  for (const item of envItems) {
    const path = scalarValue(item);
    if (path === undefined) continue;
    const file = joinRel(k.dir, path);
    const text = files.raw(file);
    const line = text === undefined ? undefined : envLine(text, key);
    if (line !== undefined) return { file, line, column: 1 };
  }
  return undefined;
}

function literalKey(literal: string): string {
  const eq = literal.indexOf('=');
  return (eq < 0 ? literal : literal.slice(0, eq)).trim();
}

function fileKey(entry: string): string {
  const eq = entry.indexOf('=');
  return eq < 0 ? posix.basename(entry.trim()) : entry.slice(0, eq).trim();
}

/** Line of `KEY=…` in an env file (comments and blank lines skipped), 1-based. */
function envLine(text: string, key: string): number | undefined {
  const lines = text.split('\n');
  for (let i = lines.length - 1; i >= 0; i--) {
    const line = lines[i].replace(/^\uFEFF/, '').trimStart();
    if (line === '' || line.startsWith('#')) continue;
    const eq = line.indexOf('=');
    if ((eq < 0 ? line.trimEnd() : line.slice(0, eq).trim()) === key) return i + 1;
  }
  return undefined;
}
