// Repository-relative paths use POSIX separators and `.` for the root, whatever the platform.

import { realpathSync, statSync } from 'node:fs';
import { posix, relative, resolve, sep } from 'node:path';

export function toPosix(p: string): string {
  return sep === '/' ? p : p.split(sep).join('/');
}

/** Normalise a repository-relative path: POSIX separators, no trailing slash, `.` for the root. */
export function normalizeRel(p: string): string {
  const n = posix.normalize(toPosix(p) || '.');
  return n.length > 1 && n.endsWith('/') ? n.slice(0, -1) : n;
}

/** Repository-relative form of an absolute path. */
export function repoRelative(root: string, abs: string): string {
  return normalizeRel(relative(root, abs));
}

/** Absolute path of a repository-relative one. */
export function absolute(root: string, rel: string): string {
  return resolve(root, rel);
}

/** `rel` (relative to directory `dir`, both repository-relative) as a repository-relative path. */
export function joinRel(dir: string, rel: string): string {
  return normalizeRel(posix.join(dir, toPosix(rel)));
}

/** The path with symbolic links resolved, or undefined when it does not exist. */
export function realOf(abs: string): string | undefined {
  try {
    return realpathSync(abs);
  } catch {
    return undefined;
  }
}

/** Whether the resolved path `real` is `realRoot` or below it. */
export function isWithin(real: string, realRoot: string): boolean {
  return real === realRoot || real.startsWith(realRoot + sep);
}

export function isFile(p: string): boolean {
  try {
    return statSync(p).isFile();
  } catch {
    return false;
  }
}
