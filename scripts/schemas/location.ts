// Run-time access to the committed `schemas/` folder, found next to the installed package (source or dist).

import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let found: string | undefined;

/** The package's `schemas/` folder: the nearest ancestor of this module holding `package.json` and `schemas/kubernetes`. */
export function schemasDir(): string {
  if (found) return found;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'schemas', 'kubernetes'))) return (found = join(dir, 'schemas'));
    const parent = dirname(dir);
    if (parent === dir) throw new Error('kcfg installation is missing its schemas/ folder');
    dir = parent;
  }
}

export interface SchemaFile {
  /** Path relative to the schemas folder. */
  rel: string;
  text: string;
  /** Content hash (hex), used to key compiled-validator caches. */
  hash: string;
}

export function readSchemaFile(root: string, rel: string): SchemaFile | undefined {
  const file = join(root, rel);
  if (!existsSync(file)) return undefined;
  const text = readFileSync(file, 'utf8');
  return { rel, text, hash: createHash('sha1').update(text).digest('hex') };
}

/** Kubernetes minor versions with a committed schema bundle, oldest first. */
export function availableKubernetesVersions(root: string = schemasDir()): string[] {
  const dir = join(root, 'kubernetes');
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .map((f) => /^v(\d+\.\d+)\.json$/.exec(f)?.[1])
    .filter((v): v is string => !!v)
    .sort((a, b) => {
      const [am, an] = a.split('.').map(Number) as [number, number];
      const [bm, bn] = b.split('.').map(Number) as [number, number];
      return am - bm || an - bn;
    });
}

/** Committed CRD bundles (`crds/<name>.json`), sorted. */
export function crdBundleFiles(root: string = schemasDir()): string[] {
  const dir = join(root, 'crds');
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => `crds/${f}`);
}
