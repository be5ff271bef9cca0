// Without a config file, the environments are the kustomizations nothing else includes.

import { readdirSync } from 'node:fs';
import { KcfgError } from '../core/errors.js';
import type { Environment } from '../core/resource.js';
import { KUSTOMIZATION_FILES, kustomizationDeps, readKustomization } from './kustomization.js';
import { absolute, joinRel } from './paths.js';

const SKIPPED_DIRS = new Set(['node_modules', 'dist']);

/** Every repository-relative directory under `root` holding a kustomization file, sorted. */
export function findKustomizationDirs(root: string): string[] {
  const found: string[] = [];
  const walk = (rel: string): void => {
    let entries;
    try {
      entries = readdirSync(absolute(root, rel), { withFileTypes: true });
    } catch {
      return;
    }
    if (entries.some((e) => e.isFile() && (KUSTOMIZATION_FILES as readonly string[]).includes(e.name))) found.push(rel);
    // Symbolic links are not followed: they can loop, and Kustomize resolves them to their target anyway.
    for (const e of entries) {
      if (e.isDirectory() && !e.name.startsWith('.') && !SKIPPED_DIRS.has(e.name)) walk(joinRel(rel, e.name));
    }
  };
  walk('.');
  return found.sort();
}

/**
 * Environments of a tree without `kcfg.yaml`: each kustomization directory that no other kustomization
 * includes (as a resource, base, component or generator directory). The name is the directory path
 * relative to the root (`overlays/staging`), or `.` for a kustomization at the root itself.
 * A kustomization that cannot be read still counts, so its render reports the problem.
 */
export function discoverEnvironments(root: string, kubernetesVersion: string): Environment[] {
  const dirs = findKustomizationDirs(root);
  const included = new Set<string>();
  for (const dir of dirs) {
    try {
      const k = readKustomization(root, dir);
      if (k) for (const dep of kustomizationDeps(k).dirs) if (dep !== dir) included.add(dep);
    } catch (e) {
      if (!(e instanceof KcfgError)) throw e;
    }
  }
  return dirs.filter((dir) => !included.has(dir)).map((dir) => ({ name: dir, dir, kubernetesVersion }));
}
