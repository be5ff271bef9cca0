// What every command needs first: the repository root and its configuration.

import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { loadConfig } from '../config/index.js';
import type { Config } from '../config/types.js';
import { UsageError } from '../core/errors.js';
import { findRoot } from '../workspace/roots.js';
import { isFile } from '../workspace/paths.js';
import type { RenderedEnvironment } from '../core/rendered.js';
import { str, type Parsed } from './args.js';

export function loadContext(p: Parsed): Config {
  const config = loadConfig(rootDir(p));
  config.cwd = argsDir(p);
  return config;
}

/**
 * The kcfg root: `-C DIR` exactly, or else found from the working directory upward (the nearest kcfg.yaml,
 * else the git top level). A root that is not a directory is a usage error, not an empty repository.
 */
export function rootDir(p: Parsed): string {
  return str(p, 'cwd') === undefined ? findRoot(process.cwd()) : argsDir(p);
}

/** Where relative paths on the command line start: `-C DIR` (as with git), else the working directory. */
export function argsDir(p: Parsed): string {
  const given = str(p, 'cwd');
  const dir = resolve(given ?? process.cwd());
  let ok: boolean;
  try {
    ok = statSync(dir).isDirectory();
  } catch {
    ok = false;
  }
  if (!ok)
    throw new UsageError(
      `-C ${given ?? dir}: ${existsSync(dir) ? 'not a directory' : 'no such directory'}`,
      'pass the repository root',
    );
  return dir;
}

/** Rendered streams, so code frames can show a line of the rendered output when no source file applies. */
export function renderedFiles(rendered: readonly RenderedEnvironment[]): Map<string, string> {
  return new Map(rendered.map((r) => [`<rendered:${r.env.name}>`, r.output]));
}

/**
 * Positionals that are manifest inputs (files, or `-` for standard input) and the rest (environments and
 * kustomization directories). A name ending in .yaml/.yml/.json that does not exist is a missing file, so
 * `kcfg check typo.yaml` says the file is missing, not that no environment has that name.
 */
export function splitInputs(positionals: readonly string[], cwd: string): { files: string[]; dirs: string[] } {
  const files = positionals.filter((a) => {
    if (a === '-') return true;
    const path = resolve(cwd, a);
    return isFile(path) || (/\.(ya?ml|json)$/i.test(path) && !existsSync(path));
  });
  if (files.filter((f) => f === '-').length > 1) throw new UsageError('standard input (-) can be read only once');
  return { files, dirs: positionals.filter((a) => !files.includes(a)) };
}
