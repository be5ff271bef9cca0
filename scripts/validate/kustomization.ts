// kustomization.yaml files against the kustomization schema, deprecated Kustomize fields, and duplicate
// mapping keys in every YAML file an environment reads. Findings carry file:line:column directly.

import { problem } from '../codes/index.js';
import { readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import jsYaml from 'js-yaml';
import type { LineCounter } from 'yaml';
import type { SourceLocation } from '../core/diagnostic.js';
import { parseFast } from '../core/fast-yaml.js';
import { stampFor } from '../core/stamp.js';
import { isObject, parsePointer, type Finding, type KObject } from '../core/resource.js';
import { ANCHOR_OR_ALIAS } from '../resources/parse.js';
import { offsetAt } from '../resources/position.js';
import { yamlModule } from '../resources/yaml-lazy.js';
import { describeErrors, type ValidateFunction } from './schema/index.js';

const KUSTOMIZATION_NAMES = new Set(['kustomization.yaml', 'kustomization.yml', 'Kustomization']);
const YAML_FILE = /\.(?:ya?ml|json)$/i;

/** Deprecated top-level fields → the field that replaces them, with how to move. */
export const DEPRECATED_FIELDS: Record<string, { modern: string; hint: string }> = {
  bases: { modern: 'resources', hint: 'list the directories under resources:' },
  commonLabels: {
    modern: 'labels',
    hint: 'use labels: [{pairs: {...}, includeSelectors: true}] to keep selector behaviour, or includeSelectors: false to leave selectors alone',
  },
  patchesStrategicMerge: { modern: 'patches', hint: 'list each file as patches: [{path: <file>}]' },
  patchesJson6902: { modern: 'patches', hint: 'use patches: [{path: <file>, target: {...}}]' },
  vars: { modern: 'replacements', hint: 'express each var as a replacements: entry (source → targets)' },
  imageTags: { modern: 'images', hint: 'move the entries to images: (name, newName, newTag, digest)' },
};

export function isKustomizationFile(file: string): boolean {
  return KUSTOMIZATION_NAMES.has(basename(file));
}

/** Schema errors and deprecated fields of one kustomization file (duplicate keys are `checkDuplicateKeys`'). */
export function checkKustomizationFile(file: string, text: string, validate: ValidateFunction): Finding[] {
  // js-yaml reads a plain file fast; the `yaml` CST is built only for positions, or for a file with aliases
  // (expanded with a limit) or one js-yaml refuses (duplicate keys, which checkDuplicateKeys reports).
  let cst: { doc: ReturnType<typeof import('yaml').parseDocument>; lines: LineCounter } | undefined;
  const positioned = (): NonNullable<typeof cst> => {
    if (cst) return cst;
    const { LineCounter, parseDocument } = yamlModule();
    const lines = new LineCounter();
    return (cst = {
      doc: parseDocument(text, { lineCounter: lines, uniqueKeys: false, schema: 'core', prettyErrors: false }),
      lines,
    });
  };
  const fast = ANCHOR_OR_ALIAS.test(text) ? undefined : parseFast(text);
  let data: unknown;
  if (fast) {
    data = fast.value;
  } else {
    const { doc } = positioned();
    if (doc.errors.length > 0) return []; // Kustomize rejects the file itself; the render reports it.
    data = doc.toJS({ maxAliasCount: 100 }) as unknown;
  }
  if (data === null || data === undefined) return [];
  const at = (pointer: string, key: boolean): SourceLocation =>
    locate(positioned().doc.contents, pointer, key, positioned().lines, file);
  const out: Finding[] = [];
  if (!isObject(data)) {
    return [
      {
        ...problem('kustomization/schema', { detail: 'a kustomization must be a mapping of fields' }),
        source: at('', false),
      },
    ];
  }
  const deprecated = deprecatedFields(data);
  const skip = new Set(deprecated.map((d) => d.pointer));
  // Kustomize reads a field written with no value (`components:`) as absent; so does the schema check.
  const present = Object.fromEntries(Object.entries(data).filter(([, v]) => v !== null));
  if (!validate(present)) {
    for (const p of describeErrors(validate.errors ?? [], present)) {
      if (skip.has(p.pointer)) continue;
      const key = p.code === 'schema/unknown-field';
      out.push({
        ...problem('kustomization/schema', { detail: p.message }),
        pointer: p.pointer,
        source: at(p.pointer, key),
      });
    }
  }
  for (const d of deprecated) {
    out.push({
      ...problem('kustomization/deprecated-field', { field: d.field, modern: d.modern, advice: d.hint }),
      pointer: d.pointer,
      source: at(d.pointer, true),
    });
  }
  return out;
}

interface Deprecated {
  pointer: string;
  field: string;
  modern: string;
  hint: string;
}

function deprecatedFields(data: KObject): Deprecated[] {
  const out: Deprecated[] = [];
  for (const key of Object.keys(data)) {
    const d = DEPRECATED_FIELDS[key];
    if (d) out.push({ pointer: `/${key}`, field: key, modern: d.modern, hint: d.hint });
  }
  for (const generator of ['configMapGenerator', 'secretGenerator'] as const) {
    const list = data[generator];
    if (!Array.isArray(list)) continue;
    list.forEach((g, i) => {
      if (isObject(g) && g['env'] !== undefined) {
        out.push({
          pointer: `/${generator}/${i}/env`,
          field: `${generator}[${i}].env`,
          modern: 'envs',
          hint: 'envs: [<file>] takes a list',
        });
      }
    });
  }
  return out;
}

/** Position of the node at `pointer` (its key when `key`), or of the deepest ancestor that exists. */
function locate(root: unknown, pointer: string, key: boolean, lines: LineCounter, file: string): SourceLocation {
  const pos = lines.linePos(offsetAt(root, parsePointer(pointer), key ? 'key' : 'value').offset);
  return { file, line: pos.line, column: pos.col };
}

/** Every duplicate mapping key in a YAML file (all documents), at the repeated key. */
export function checkDuplicateKeys(file: string, text: string): Finding[] {
  // js-yaml rejects duplicate keys and is fast; only a file it rejects is parsed again to find them all.
  try {
    jsYaml.loadAll(text, undefined, { schema: jsYaml.CORE_SCHEMA });
    return [];
  } catch {
    // fall through
  }
  const { LineCounter, parseAllDocuments } = yamlModule();
  const lines = new LineCounter();
  const out: Finding[] = [];
  for (const doc of parseAllDocuments(text, { lineCounter: lines, uniqueKeys: true, prettyErrors: false })) {
    if (!('errors' in doc)) continue;
    for (const err of doc.errors) {
      if (err.code !== 'DUPLICATE_KEY') continue;
      const pos = lines.linePos(err.pos[0]);
      const eol = text.indexOf('\n', err.pos[0]);
      const keyText = text
        .slice(err.pos[0], eol < 0 ? text.length : eol)
        .replace(/:(?:\s.*)?$/, '')
        .trim();
      out.push({
        ...problem('yaml/duplicate-key', keyText ? { key: keyText } : {}),
        source: { file, line: pos.line, column: pos.col },
      });
    }
  }
  return out;
}

const fileCache = new Map<string, { stamp: string; findings: Finding[] }>();

/** Bump when the closure checks change: a file that passed them before must be checked again. */
const CLOSURE_CHECKS = 'closure-checks-1';

/**
 * Kustomization and duplicate-key checks over an environment's closure: repository-relative `files` under
 * `root`. Results are kept per file (size and mtime) for the run, since environments share most of their
 * closure; with `cacheDir`, a file whose exact text passed before (with the same kustomization schema) is
 * not parsed again in later runs.
 */
export function checkClosure(
  root: string,
  files: readonly string[],
  validate: () => ValidateFunction,
  opts: { cacheDir?: string; schemaId?: () => string } = {},
): Finding[] {
  const out: Finding[] = [];
  for (const rel of files) {
    const kustomization = isKustomizationFile(rel);
    if (!kustomization && !YAML_FILE.test(rel)) continue;
    const abs = join(root, rel);
    let stamp: string;
    try {
      const st = statSync(abs);
      if (!st.isFile()) continue;
      stamp = `${st.size}:${st.mtimeMs}`;
    } catch {
      continue; // a missing file is the render's error to report
    }
    const key = `${abs}\u0000${kustomization ? 'k' : 'y'}`;
    const cached = fileCache.get(key);
    if (cached && cached.stamp === stamp) {
      out.push(...cached.findings);
      continue;
    }
    const text = readFileSync(abs, 'utf8');
    const mark = stampFor(opts.cacheDir, 'closure-files', [
      CLOSURE_CHECKS,
      kustomization ? `k ${opts.schemaId?.() ?? ''}` : 'y',
      text,
    ]);
    const findings = mark.passed ? [] : checkDuplicateKeys(rel, text);
    if (kustomization && !mark.passed) findings.push(...checkKustomizationFile(rel, text, validate()));
    if (findings.length === 0 && !mark.passed) mark.remember();
    fileCache.set(key, { stamp, findings });
    out.push(...findings);
  }
  return out;
}
