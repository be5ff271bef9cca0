// Reading kustomization files and listing what each one reads: the edges of the workspace graph.

import { existsSync, readFileSync, statSync } from 'node:fs';
import { isAbsolute, relative } from 'node:path';
import jsYaml from 'js-yaml';
import { ConfigError } from '../core/errors.js';
import { isObject, type JsonValue, type KObject } from '../core/resource.js';
import { absolute, isFile, joinRel, normalizeRel, toPosix } from './paths.js';

/** File names Kustomize accepts for a kustomization, in its order of preference. */
export const KUSTOMIZATION_FILES = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'] as const;

export interface Kustomization {
  /** Absolute repository root the paths below are relative to. */
  root: string;
  /** Repository-relative directory (`.` for the root). */
  dir: string;
  /** Repository-relative path of the kustomization file. */
  file: string;
  text: string;
  /** The parsed file; `{}` for an empty one. */
  data: KObject;
}

export interface KustomizationDeps {
  /** Repository-relative directories this kustomization includes (resources, components, bases, directory generators). */
  dirs: string[];
  /** Repository-relative files it reads (resources, patches, generator inputs, crds, configurations, ...). */
  files: string[];
  /** Remote references (URLs, git repositories) exactly as written; kcfg never fetches them. */
  remote: string[];
}

const cache = new Map<string, { stamp: string; value: Kustomization }>();

/** The kustomization file name present in `absDir`, if any; more than one is an error, as in Kustomize. */
export function kustomizationFileIn(absDir: string, relDir: string): string | undefined {
  const found = KUSTOMIZATION_FILES.filter((name) => isFile(`${absDir}/${name}`));
  if (found.length > 1) {
    throw new ConfigError(
      `found ${found.length} kustomization files in ${relDir}: ${found.join(', ')}`,
      { file: joinRel(relDir, found[1]), line: 1, column: 1 },
      'keep exactly one kustomization file per directory',
    );
  }
  return found[0];
}

/**
 * The kustomization in repository-relative `dir`, or undefined when the directory has none. Cached per process
 * (keyed by the file's size and modification time, so an edited file is read again).
 */
export function readKustomization(root: string, dir: string): Kustomization | undefined {
  const rel = normalizeRel(dir);
  const absDir = absolute(root, rel);
  if (!isDirectory(absDir)) return undefined;
  const name = kustomizationFileIn(absDir, rel);
  if (!name) return undefined;
  const absFile = `${absDir}/${name}`;
  const st = statSync(absFile);
  const stamp = `${st.size}:${st.mtimeMs}`;
  const hit = cache.get(absFile);
  if (hit && hit.stamp === stamp && hit.value.root === root) return hit.value;
  const file = joinRel(rel, name);
  const text = readFileSync(absFile, 'utf8');
  const value: Kustomization = { root, dir: rel, file, text, data: parseKustomization(text, file) };
  cache.set(absFile, { stamp, value });
  return value;
}

function parseKustomization(text: string, file: string): KObject {
  let data: unknown;
  try {
    // Kustomize tolerates duplicate keys (last wins); the kustomization validator reports them.
    data = jsYaml.load(text, { schema: jsYaml.CORE_SCHEMA, json: true, filename: file });
  } catch (e) {
    if (e instanceof jsYaml.YAMLException) {
      const line = e.mark ? e.mark.line + 1 : 1;
      const column = e.mark ? e.mark.column + 1 : 1;
      throw new ConfigError(`invalid YAML in kustomization: ${e.reason}`, { file, line, column });
    }
    throw e;
  }
  if (data === undefined || data === null) return {};
  if (!isObject(data)) {
    throw new ConfigError(`a kustomization must be a mapping, found ${Array.isArray(data) ? 'a list' : typeof data}`, {
      file,
      line: 1,
      column: 1,
    });
  }
  return data;
}

/** Everything a kustomization reads directly, resolved to repository-relative paths. */
export function kustomizationDeps(k: Kustomization): KustomizationDeps {
  const dirs = new Set<string>();
  const files = new Set<string>();
  const remote: string[] = [];
  const d = k.data;

  const local = (entry: string): string | undefined => {
    // Kustomize tries a local path first: a vendored `github.com/org/repo` directory is local.
    if (isRemote(entry) && !existsSync(absolute(k.root, joinRel(k.dir, entry)))) {
      remote.push(entry);
      return undefined;
    }
    // An absolute path stays what it names (`/etc/passwd` is outside the root, not `<dir>/etc/passwd`).
    if (isAbsolute(entry)) return normalizeRel(toPosix(relative(k.root, entry)));
    return joinRel(k.dir, entry);
  };
  // A resource may be a file or a directory; a path that does not exist is kept as a file so the
  // cache key changes when it appears, and the engine reports it.
  const fileOrDir = (entry: string): void => {
    const rel = local(entry);
    if (rel === undefined) return;
    if (isDirectory(absolute(k.root, rel))) dirs.add(rel);
    else files.add(rel);
  };
  const fileOnly = (entry: string): void => {
    const rel = local(entry);
    if (rel !== undefined) files.add(rel);
  };
  // Some fields take a path or an inline YAML document; an existing file wins, multi-line text is inline.
  const pathOrInline = (entry: string, add: (e: string) => void): void => {
    if (!isInlineEntry(k, entry)) add(entry.trim());
  };

  for (const r of strings(d['resources'])) fileOrDir(r);
  for (const r of strings(d['bases'])) fileOrDir(r);
  for (const c of strings(d['components'])) fileOrDir(c);
  for (const f of strings(d['crds'])) fileOnly(f);
  for (const f of strings(d['configurations'])) fileOnly(f);
  for (const field of ['generators', 'transformers', 'validators']) {
    for (const g of strings(d[field])) {
      pathOrInline(g, fileOrDir);
      for (const f of configPaths(k, g)) fileOnly(f);
    }
  }
  for (const p of strings(d['patchesStrategicMerge'])) pathOrInline(p, fileOnly);
  for (const field of ['patches', 'patchesJson6902', 'replacements']) {
    for (const p of objects(d[field])) if (typeof p['path'] === 'string') fileOnly(p['path']);
  }
  const openapi = d['openapi'];
  if (isObject(openapi) && typeof openapi['path'] === 'string') fileOnly(openapi['path']);
  for (const field of ['configMapGenerator', 'secretGenerator']) {
    for (const g of objects(d[field])) {
      for (const f of strings(g['files'])) fileOnly(stripKey(f));
      for (const f of strings(g['envs'])) fileOnly(f);
      if (typeof g['env'] === 'string') fileOnly(g['env']);
    }
  }
  return { dirs: [...dirs].sort(), files: [...files].sort(), remote };
}

/**
 * Files a built-in generator or transformer config reads (a PatchTransformer's `path`, a
 * PatchStrategicMergeTransformer's `paths`, a ConfigMapGenerator's `files` and `envs`), relative to the
 * kustomization like its own entries.
 */
function configPaths(k: Kustomization, entry: string): string[] {
  let text = entry;
  if (!isInlineEntry(k, entry)) {
    const abs = absolute(k.root, joinRel(k.dir, entry.trim()));
    if (!isFile(abs)) return [];
    try {
      text = readFileSync(abs, 'utf8');
    } catch {
      return [];
    }
  }
  let docs: unknown[];
  try {
    docs = jsYaml.loadAll(text);
  } catch {
    return [];
  }
  const out: string[] = [];
  for (const doc of docs) {
    if (!isObject(doc) || doc['apiVersion'] !== 'builtin') continue;
    if (typeof doc['path'] === 'string') out.push(doc['path']);
    for (const field of ['paths', 'envs']) for (const f of strings(doc[field])) out.push(f);
    for (const f of strings(doc['files'])) out.push(stripKey(f));
  }
  return out;
}

/** `key=path` generator entries name the key the file's content is stored under. */
export function stripKey(entry: string): string {
  const eq = entry.indexOf('=');
  return eq < 0 ? entry : entry.slice(eq + 1);
}

/** Kustomize's remote targets: URLs, scp-like git addresses, and well-known host shorthands. */
/**
 * Every form Kustomize (through go-getter and its own git parser) would fetch: any URL scheme (`https://`,
 * `ssh://`, `file://`), a getter prefix (`git::`, `s3::`), scp-like `user@host:path`, a host with a colon
 * (`github.com:org/repo`) or a slash (`github.com/org/repo`, `gitlab.example.com/...`), the `gh:` shorthand,
 * and anything carrying a `?ref=` / `?version=` query or a `//` subdirectory separator.
 */
export function isRemote(entry: string): boolean {
  const e = entry.trim();
  return (
    /^[a-z][a-z0-9+.-]*:\/\//i.test(e) ||
    /^[a-z0-9]+::/i.test(e) ||
    /^[\w.-]+@[\w.-]+:/.test(e) ||
    /^gh:/i.test(e) ||
    /^[a-z0-9-]+(\.[a-z0-9-]+)+(:\d+)?[:/]/i.test(e) ||
    /[?&](ref|version|submodules|timeout)=/.test(e) ||
    /^[^/].*[^/:]\/\/[^/]/.test(e)
  );
}

/**
 * Whether an entry of a field that takes a path or an inline YAML document (transformers, generators,
 * patchesStrategicMerge) is inline: it looks like YAML and names no existing file (an existing file wins).
 */
export function isInlineEntry(k: Kustomization, entry: string): boolean {
  return looksInline(entry) && !existsSync(absolute(k.root, joinRel(k.dir, entry.trim())));
}

function looksInline(entry: string): boolean {
  return entry.includes('\n') || /^\s*(apiVersion|kind|metadata|spec|-\s*op)\s*:/.test(entry);
}

function strings(v: JsonValue | undefined): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}

function objects(v: JsonValue | undefined): KObject[] {
  return Array.isArray(v) ? v.filter(isObject) : [];
}

export function isDirectory(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}

/**
 * The line of `entry` in a kustomization, as a list item, a `path:` or a `key=entry` value (the whole value,
 * so `name: zero` is not the file `zero`); undefined when it is not written there.
 */
export function locateEntry(
  k: Kustomization,
  entry: string,
): { file: string; line: number; column: number } | undefined {
  const re = new RegExp(
    `^[\\t ]*(?:-[\\t ]*)?(?:path:[\\t ]*)?(?:[\\w.-]+=)?["']?(${entry.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')})["']?[\\t ]*$`,
    'm',
  );
  const m = re.exec(k.text);
  if (!m) return undefined;
  const at = m.index + m[0].lastIndexOf(m[1]);
  const before = k.text.slice(0, at);
  return { file: k.file, line: before.split('\n').length, column: at - before.lastIndexOf('\n') };
}
