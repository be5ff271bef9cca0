// "Checked before" marks: an empty file in the cache named by a hash of everything a check read (the file's
// text, the schema it was held to, ...). A later run that finds the mark skips the check, and with it the
// cost of loading ajv and the `yaml` parser.

import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface Stamp {
  /** True when this exact input passed before. */
  readonly passed: boolean;
  /** Record a pass; a read-only or missing cache only costs the next run a re-check. */
  remember(): void;
}

const NO_CACHE: Stamp = { passed: false, remember: () => undefined };

/** The mark for `parts` under `<cacheDir>/<kind>/`; without a cache directory nothing is remembered. */
export function stampFor(cacheDir: string | undefined, kind: string, parts: readonly string[]): Stamp {
  if (!cacheDir) return NO_CACHE;
  const hash = createHash('sha256');
  for (const p of parts) hash.update(p).update('\0');
  const file = join(cacheDir, kind, hash.digest('hex').slice(0, 32));
  return {
    passed: existsSync(file),
    remember() {
      try {
        mkdirSync(join(cacheDir, kind), { recursive: true });
        writeFileSync(file, '');
      } catch {
        // speed only
      }
    },
  };
}
