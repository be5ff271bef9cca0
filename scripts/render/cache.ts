// Content-hash render cache: the key covers every file the build reads, the engine and its flags, so an entry
// is valid exactly as long as those are unchanged. Entries are written atomically and never updated in place.

import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from '../core/fs.js';
import { seal, unseal } from '../core/machine-key.js';
import type { Finding, Resource } from '../core/resource.js';
import type { Kustomization } from '../workspace/kustomization.js';
import { absolute } from '../workspace/paths.js';
import type { Engine } from './engine.js';

/** Bump when the entry format or the way kcfg builds the wrapper changes. */
// 4: entries carry the no-op findings (render/noop/probe.ts); 5: transformer configs, replacement files and
// entries that change nothing are probed too.
const CACHE_FORMAT = 'kcfg-render-5';

export interface CacheKeyInput {
  root: string;
  /** Environment name (it appears in the stream's file name) and repository-relative overlay directory. */
  env: string;
  dir: string;
  files: readonly string[];
  kustomizations: ReadonlyMap<string, Kustomization>;
  engine: Engine;
  /** The wrapper kustomization text (it names the overlay and carries its sort options). */
  wrapper: string;
  toolVersion: string;
}

/**
 * What a render produced, after build: the display stream, each resource without its document (re-pointed into
 * `output` on load) and the build findings. Storing this rather than the engine's stdout keeps Secret values
 * off the disk (they are redacted by then) and lets a hit skip YAML parsing and serialising altogether.
 */
export interface CacheEntry {
  output: string;
  /** Offset of each resource's document in `output`. */
  starts: number[];
  resources: Omit<Resource, 'rendered' | 'env'>[];
  findings: Finding[];
}

export function cacheKey(input: CacheKeyInput): string {
  const h = createHash('sha256');
  const field = (s: string | Buffer): void => {
    h.update(String(s.length)).update(':').update(s).update('\0');
  };
  field(CACHE_FORMAT);
  field(input.toolVersion);
  field(input.engine.kind);
  field(input.engine.version);
  field(input.engine.flags.join(' '));
  field(input.root);
  field(input.env);
  field(input.dir);
  field(input.wrapper);
  const texts = new Map<string, string>();
  for (const k of input.kustomizations.values()) texts.set(k.file, k.text);
  for (const file of input.files) {
    field(file);
    const known = texts.get(file);
    if (known !== undefined) field(known);
    else field(readOrMissing(absolute(input.root, file)));
  }
  return h.digest('hex');
}

function readOrMissing(path: string): Buffer | string {
  try {
    return readFileSync(path);
  } catch {
    return '\u0000missing';
  }
}

function entryPath(cacheDir: string, key: string): string {
  return join(cacheDir, 'render', `${key}.json`);
}

export function readCache(cacheDir: string, key: string): CacheEntry | undefined {
  // Sealed with the machine key: a damaged entry, or one kcfg did not write here, is a miss.
  const text = unseal(entryPath(cacheDir, key));
  if (text === undefined) return undefined;
  try {
    const entry = JSON.parse(text) as Partial<CacheEntry>;
    if (
      typeof entry.output === 'string' &&
      Array.isArray(entry.starts) &&
      Array.isArray(entry.resources) &&
      Array.isArray(entry.findings)
    )
      return entry as CacheEntry;
  } catch {
    // A corrupt entry is a miss; the next render replaces it.
  }
  return undefined;
}

/** Entries not rewritten for this long are removed when a new one is written (a hit never pays for this). */
const MAX_AGE_MS = 14 * 24 * 3600 * 1000;

export function writeCache(cacheDir: string, key: string, entry: CacheEntry): void {
  try {
    writeFileAtomic(entryPath(cacheDir, key), seal(JSON.stringify(entry)));
    prune(join(cacheDir, 'render'), Date.now() - MAX_AGE_MS);
  } catch {
    // A read-only cache only costs speed.
  }
}

/** kcfg's own entry names: whatever else a (mis)configured cache directory holds is never deleted. */
const ENTRY_NAME = /^[0-9a-f]{64}\.json$/;

function prune(dir: string, before: number): void {
  for (const name of readdirSync(dir)) {
    if (!ENTRY_NAME.test(name)) continue;
    const file = join(dir, name);
    try {
      if (statSync(file).mtimeMs < before) rmSync(file, { force: true });
    } catch {
      // Another process may have removed it first.
    }
  }
}
