// Which files kcfg.yaml `schemas.crds` names: light enough for the check cache key, which must not load the
// validation modules on a warm run.

import { createRequire } from 'node:module';
import { ConfigError } from '../core/errors.js';

const require = createRequire(import.meta.url);

/** The repository files `patterns` name, sorted; a pattern that leaves the repository is a configuration error. */
export function userCrdFiles(root: string, patterns: readonly string[]): string[] {
  for (const p of patterns)
    if (p.startsWith('/') || p.split('/').includes('..'))
      throw new ConfigError(
        `schemas.crds entry "${p}" leaves the repository`,
        undefined,
        'list CRD files relative to kcfg.yaml, inside the repository',
      );
  const { globbySync } = require('globby') as typeof import('globby');
  return globbySync([...patterns], { cwd: root, dot: false, followSymbolicLinks: false, onlyFiles: true }).sort();
}
