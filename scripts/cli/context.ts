// What every command needs first: the repository root and its configuration.

import { resolve } from 'node:path';
import { loadConfig } from '../config/index.js';
import type { Config } from '../config/types.js';
import type { RenderedEnvironment } from '../core/rendered.js';
import { str, type Parsed } from './args.js';

export function loadContext(p: Parsed): Config {
  const cwd = resolve(str(p, 'cwd') ?? process.cwd());
  return loadConfig(cwd);
}

/** Rendered streams, so code frames can show a line of the rendered output when no source file applies. */
export function renderedFiles(rendered: readonly RenderedEnvironment[]): Map<string, string> {
  return new Map(rendered.map((r) => [`<rendered:${r.env.name}>`, r.output]));
}
