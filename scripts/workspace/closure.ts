// The closure of an environment: every file its build reads, the input of the render cache key.

import { posix } from 'node:path';
import { ConfigError } from '../core/errors.js';
import { kustomizationDeps, readKustomization, type Kustomization } from './kustomization.js';
import { absolute, isWithin, normalizeRel, realOf } from './paths.js';

export interface Closure {
  /** Sorted repository-relative files, kustomization files included. */
  files: string[];
  /** Every kustomization read on the way, by directory. */
  kustomizations: Map<string, Kustomization>;
}

/**
 * Walk the kustomization graph from `dir`. A remote reference is a ConfigError at its line (kcfg never uses
 * the network); a directory without a kustomization contributes nothing (the engine reports it).
 */
export function walkClosure(root: string, dir: string, opts: { outsideRoot?: boolean } = {}): Closure {
  const files = new Set<string>();
  const kustomizations = new Map<string, Kustomization>();
  const pending: { dir: string; from?: Kustomization }[] = [{ dir: normalizeRel(dir) }];
  const realRoot = opts.outsideRoot ? undefined : realOf(root);
  while (pending.length) {
    const { dir: d, from } = pending.pop()!;
    if (kustomizations.has(d)) continue;
    // Nothing outside the repository is read, not even a kustomization file: a base or overlay that is (or
    // sits behind) a symbolic link out of the root is refused at the entry that names it.
    const real = realRoot ? realOf(absolute(root, d)) : undefined;
    if (realRoot && real && !isWithin(real, realRoot)) {
      throw new ConfigError(
        `${d} resolves to ${real}, outside the repository root; kcfg did not read it`,
        from ? locateText(from, posix.relative(from.dir, d)) : undefined,
        'keep overlays and bases inside the repository; a symbolic link may point only within it',
      );
    }
    const k = readKustomization(root, d);
    if (!k) continue;
    kustomizations.set(d, k);
    files.add(k.file);
    const deps = kustomizationDeps(k);
    const [remote] = deps.remote;
    if (remote !== undefined) {
      throw new ConfigError(
        `remote reference ${remote} is not supported`,
        locateText(k, remote),
        'kcfg works offline: vendor the remote base into the repository and refer to it by path',
      );
    }
    for (const f of deps.files) files.add(f);
    for (const sub of deps.dirs) if (!kustomizations.has(sub)) pending.push({ dir: sub, from: k });
  }
  return { files: [...files].sort(), kustomizations };
}

/** Sorted repository-relative list of every file the environment at `dir` reads. */
export function closure(root: string, dir: string): string[] {
  return walkClosure(root, dir).files;
}

function locateText(k: Kustomization, needle: string): { file: string; line: number; column: number } {
  const at = k.text.indexOf(needle);
  if (at < 0) return { file: k.file, line: 1, column: 1 };
  const before = k.text.slice(0, at);
  return { file: k.file, line: before.split('\n').length, column: at - before.lastIndexOf('\n') };
}
