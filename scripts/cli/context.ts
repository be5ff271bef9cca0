// What every command needs first: the repository root and its configuration.

import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { loadConfig } from '../config/index.js';
import type { Config } from '../config/types.js';
import { UsageError } from '../core/errors.js';
import type { RenderedEnvironment } from '../core/rendered.js';
import { str, type Parsed } from './args.js';

export function loadContext(p: Parsed): Config {
  return loadConfig(rootDir(p));
}

/** `-C DIR` (default: the working directory); a root that is not a directory is a usage error, not an empty repository. */
export function rootDir(p: Parsed): string {
  const given = str(p, 'cwd');
  const dir = resolve(given ?? process.cwd());
  let ok = false;
  try {
    ok = statSync(dir).isDirectory();
  } catch {
    ok = false;
  }
  if (!ok) throw new UsageError(`-C ${given ?? dir}: ${existsSync(dir) ? 'not a directory' : 'no such directory'}`, 'pass the repository root');
  return dir;
}

/** Rendered streams, so code frames can show a line of the rendered output when no source file applies. */
export function renderedFiles(rendered: readonly RenderedEnvironment[]): Map<string, string> {
  return new Map(rendered.map((r) => [`<rendered:${r.env.name}>`, r.output]));
}
