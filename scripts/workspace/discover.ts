// Without a config file, the environments are the kustomizations nothing else includes, Components excepted.

import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { existsSync, lstatSync, statSync } from 'node:fs';
import { basename, join, posix } from 'node:path';
import { KcfgError } from '../core/errors.js';
import type { Environment } from '../core/resource.js';
import { KUSTOMIZATION_FILES, kustomizationDeps, readKustomization } from './kustomization.js';
import { globMatcher } from './glob.js';
import { absolute, normalizeRel, toPosix } from './paths.js';
import { gitTopLevel } from './roots.js';

const SKIPPED_DIRS = new Set(['node_modules']);
const require = createRequire(import.meta.url);

/**
 * Every repository-relative directory under `root` holding a kustomization file, sorted. Inside a git work
 * tree, git lists them (tracked and untracked, minus what .gitignore excludes: build output and vendored
 * trees are not environments); elsewhere globby walks the tree with the same rules.
 */
export function findKustomizationDirs(root: string): string[] {
  return (gitTopLevel(root) ? fromGit(root) : undefined) ?? walk(root);
}

function fromGit(root: string): string[] | undefined {
  // Without glob magic, `*` in a pathspec also matches `/`: `*/kustomization.yaml` is any depth below the root.
  const patterns = KUSTOMIZATION_FILES.flatMap((f) => [f, `*/${f}`]);
  const r = spawnSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard', '--', ...patterns], {
    cwd: root,
    encoding: 'utf8',
    maxBuffer: 1 << 28,
  });
  if (r.error || r.status !== 0) return undefined;
  const dirs = new Set<string>(linkedKustomizationDirs(root));
  for (const file of r.stdout.split('\0')) {
    // A deleted file stays in the index until the deletion is staged.
    if (!file || !existsSync(absolute(root, file))) continue;
    const dir = normalizeRel(posix.dirname(toPosix(file)));
    if (!dir.split('/').some((p) => SKIPPED_DIRS.has(p))) dirs.add(dir);
  }
  return [...dirs].sort();
}

/**
 * Symbolic links to directories holding a kustomization (git does not descend into them, and the walk does not
 * follow them): they are listed so that one pointing out of the root is reported by its render, not skipped.
 */
function linkedKustomizationDirs(root: string): string[] {
  const git = (args: string[]): string[] =>
    (spawnSync('git', args, { cwd: root, encoding: 'utf8', maxBuffer: 1 << 28 }).stdout ?? '')
      .split('\0')
      .filter(Boolean);
  const tracked = git(['ls-files', '-z', '-s', '--cached'])
    .filter((l) => l.startsWith('120000 '))
    .map((l) => l.slice(l.indexOf('\t') + 1));
  const untracked = git(['ls-files', '-z', '--others', '--exclude-standard']).filter((rel) =>
    isLink(absolute(root, rel)),
  );
  return [...tracked, ...untracked]
    .filter((rel) => holdsKustomization(absolute(root, rel)))
    .map((rel) => normalizeRel(toPosix(rel)));
}

function isLink(abs: string): boolean {
  try {
    return lstatSync(abs).isSymbolicLink();
  } catch {
    return false;
  }
}

function holdsKustomization(abs: string): boolean {
  try {
    return (
      statSync(abs).isDirectory() && (KUSTOMIZATION_FILES as readonly string[]).some((f) => existsSync(join(abs, f)))
    );
  } catch {
    return false;
  }
}

/**
 * Outside git, globby walks the tree: .gitignore files are honoured all the same (an exported tarball keeps
 * them), hidden folders and node_modules are skipped. It loads only here: importing it costs ~70-100 ms, which
 * every run inside git (most runs) would otherwise pay.
 */
function walk(root: string): string[] {
  const { globbySync } = require('globby') as typeof import('globby');
  const options = {
    cwd: root,
    gitignore: true,
    dot: false,
    followSymbolicLinks: false,
    ignore: [...SKIPPED_DIRS].map((d) => `**/${d}/**`),
  };
  const found = new Set<string>();
  for (const file of globbySync(
    KUSTOMIZATION_FILES.map((f) => `**/${f}`),
    options,
  ))
    found.add(normalizeRel(posix.dirname(file)));
  // A linked directory is listed but not entered (links can loop); its render checks where it points.
  for (const e of globbySync(['**'], { ...options, onlyFiles: false, objectMode: true }))
    if (e.dirent.isSymbolicLink() && holdsKustomization(absolute(root, e.path))) found.add(normalizeRel(e.path));
  return [...found].sort();
}

/** A directory whose kustomization is `kind: Component`: it is applied by the overlays that list it, never alone. */
export function isComponentDir(root: string, dir: string): boolean {
  try {
    return readKustomization(root, dir)?.data['kind'] === 'Component';
  } catch (e) {
    if (e instanceof KcfgError) return false;
    throw e;
  }
}

/**
 * The kustomization directories a person would call environments: not included by another kustomization (as a
 * resource, base, component or generator directory) and not a Component. A kustomization that cannot be read
 * still counts, so its render reports the problem.
 */
export function environmentDirs(root: string, dirs: readonly string[] = findKustomizationDirs(root)): string[] {
  const included = new Set<string>();
  for (const dir of dirs) {
    try {
      const k = readKustomization(root, dir);
      if (k) for (const dep of kustomizationDeps(k).dirs) if (dep !== dir) included.add(dep);
    } catch (e) {
      if (!(e instanceof KcfgError)) throw e;
    }
  }
  return dirs.filter((dir) => !included.has(dir) && !isComponentDir(root, dir));
}

/** Environments of a tree without `kcfg.yaml`, named by convention (see `conventionalNames`). */
export function discoverEnvironments(root: string, kubernetesVersion: string): Environment[] {
  const dirs = environmentDirs(root);
  const names = conventionalNames(root, dirs);
  return dirs.map((dir) => ({ name: names.get(dir)!, dir, kubernetesVersion }));
}

/**
 * Names people use for overlay directories: the last path segment (`overlays/production` → `production`),
 * extended by the segments before it only where two directories would share a name (`apps/staging` and
 * `infrastructure/staging` → `apps-staging`, `infrastructure-staging`). The root itself takes the folder's name.
 */
export function conventionalNames(root: string, dirs: readonly string[]): Map<string, string> {
  const segments = new Map(dirs.map((d) => [d, d === '.' ? [basename(root)] : d.split('/')]));
  const depth = new Map(dirs.map((d) => [d, 1]));
  const nameOf = (d: string): string => sanitise(segments.get(d)!.slice(-depth.get(d)!).join('-'));
  for (;;) {
    const byName = new Map<string, string[]>();
    for (const d of dirs) byName.set(nameOf(d), [...(byName.get(nameOf(d)) ?? []), d]);
    let grew = false;
    for (const group of byName.values()) {
      if (group.length < 2) continue;
      for (const d of group) {
        if (depth.get(d)! < segments.get(d)!.length) {
          depth.set(d, depth.get(d)! + 1);
          grew = true;
        }
      }
    }
    if (!grew) break;
  }
  const out = new Map<string, string>();
  const used = new Set<string>();
  for (const d of dirs) {
    // Names that stay equal after sanitising (`a_b` and `a-b`) get a number.
    let name = nameOf(d);
    for (let n = 2; used.has(name); n++) name = `${nameOf(d)}-${n}`;
    used.add(name);
    out.set(d, name);
  }
  return out;
}

/** Lower case, and only the characters kcfg.yaml allows in a name. */
function sanitise(s: string): string {
  const n = s
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/^[^a-z0-9]+|[^a-z0-9]+$/g, '');
  return n || 'default';
}

/** Kustomization directories (Components excepted) that a glob pattern matches, sorted. */
export function matchKustomizationDirs(root: string, pattern: string): string[] {
  // Hidden folders are not environments unless a pattern names them with a dot.
  const matches = globMatcher(normalizeRel(pattern), { dot: false });
  return findKustomizationDirs(root).filter((dir) => matches(dir) && !isComponentDir(root, dir));
}
