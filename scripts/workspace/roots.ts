// Where a run is rooted: the nearest ancestor holding kcfg.yaml (as git and eslint find their files), else the
// git top level, else the directory itself. Reports name files relative to the git top level, so annotations
// land on the right file when kcfg's root is a subfolder of the repository.

import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { isFile } from './paths.js';

export const CONFIG_FILES = ['kcfg.yaml', 'kcfg.yml'] as const;

/** The nearest directory at or above `start` that holds a `.git` entry (a directory, or a file in worktrees). */
export function gitTopLevel(start: string): string | undefined {
  for (let dir = resolve(start); ; dir = dirname(dir)) {
    if (existsSync(join(dir, '.git'))) return dir;
    if (dirname(dir) === dir) return undefined;
  }
}

/**
 * The kcfg root for a run started in `cwd`: the nearest ancestor with a kcfg.yaml, not above the git top
 * level (a stray file in a parent of the repository must not capture it), else the git top level, else `cwd`.
 */
export function findRoot(cwd: string): string {
  const start = resolve(cwd);
  const top = gitTopLevel(start);
  for (let dir = start; ; dir = dirname(dir)) {
    if (hasConfigFile(dir)) return dir;
    if (dir === top || dirname(dir) === dir) break;
  }
  return top ?? start;
}

/** Whether `dir` holds a kcfg configuration file. */
export function hasConfigFile(dir: string): boolean {
  return CONFIG_FILES.some((f) => isFile(join(dir, f)));
}
