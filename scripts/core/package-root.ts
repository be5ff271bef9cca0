// The installed package's own files (package.json, schemas/), found by walking up from this module: the same
// answer from the sources, from dist/scripts/ and from the bundled CLI in dist/cli/.

import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let root: string | undefined;

/** The nearest ancestor directory whose package.json names this package. */
export function packageRoot(): string {
  if (root) return root;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const file = join(dir, 'package.json');
    if (existsSync(file) && (JSON.parse(readFileSync(file, 'utf8')) as { name?: string }).name === 'kcfg')
      return (root = dir);
    const parent = dirname(dir);
    if (parent === dir) throw new Error('kcfg installation is missing its package.json');
    dir = parent;
  }
}

/** The package version from package.json. */
export function packageVersion(): string {
  return (
    (JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as { version?: string }).version ?? '0.0.0'
  );
}
