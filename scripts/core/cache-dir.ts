// The default cache directory: the user's cache folder, one subfolder per kcfg root. Never inside the checked
// repository, so nothing lands in someone's working tree and nothing a repository commits is read as cache.

import { createHash } from 'node:crypto';
import { basename, join } from 'node:path';
import { cacheHome } from './machine-key.js';

/** `$XDG_CACHE_HOME/kcfg/<dir>-<hash>` (or `~/.cache/kcfg/...`); the hash keeps two roots with one name apart. */
export function userCacheDir(root: string, env: NodeJS.ProcessEnv = process.env): string {
  const base = cacheHome(env);
  const name = basename(root).replace(/[^A-Za-z0-9._-]/g, '_') || 'root';
  return join(base, 'kcfg', `${name}-${createHash('sha256').update(root).digest('hex').slice(0, 12)}`);
}
