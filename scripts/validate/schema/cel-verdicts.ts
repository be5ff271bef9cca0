// CEL verdicts kept between runs, one file per kind and rule text: which rules fail to compile, and what each
// rule said about each value it saw (keyed by a hash of the value). An edit re-renders an environment and
// misses the check cache, but most custom resources in it are unchanged: their verdicts replay without
// loading @bufbuild/cel (~50 ms) or planning a rule.

import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { writeFileAtomic } from '../../core/fs.js';
import { seal, unseal } from '../../core/machine-key.js';

/** Per rule: passed, failed, or why it was not evaluated. */
export type Outcome = boolean | string;

interface StoreFile {
  /** Per rule set, per rule: the compile error, or null. */
  compile?: (string | null)[][];
  verdicts: Record<string, Outcome[]>;
}

/** Bump when outcomes are computed differently for the same rule text and value. */
const FORMAT = 1;
/** Newest first beyond this many values per kind are forgotten, so the file stays small. */
const MAX_VERDICTS = 5_000;

const require = createRequire(import.meta.url);
let celVersion: string | undefined;

export class CelVerdicts {
  private data: StoreFile | undefined;
  private dirty = false;
  private readonly file: string | undefined;

  constructor(cacheDir: string | undefined, identity: string) {
    if (!cacheDir) return;
    celVersion ??= installedVersion('@bufbuild/cel');
    const id = createHash('sha1').update(`${FORMAT}\u0000${celVersion}\u0000${identity}`).digest('hex');
    this.file = join(cacheDir, 'cel', `${id}.json`);
  }

  get compile(): (string | null)[][] | undefined {
    return this.load().compile;
  }

  set compile(errors: (string | null)[][] | undefined) {
    this.load().compile = errors;
    this.dirty = true;
  }

  get(set: number, value: unknown): Outcome[] | undefined {
    return this.file ? this.load().verdicts[key(set, value)] : undefined;
  }

  set(set: number, value: unknown, outcomes: Outcome[]): void {
    if (!this.file) return;
    const verdicts = this.load().verdicts;
    const k = key(set, value);
    delete verdicts[k]; // re-inserted last: insertion order is age
    verdicts[k] = outcomes;
    this.dirty = true;
  }

  /** Write what this run learned; a read-only or full cache directory only costs the next run time. */
  flush(): void {
    if (!this.file || !this.dirty || !this.data) return;
    const entries = Object.entries(this.data.verdicts);
    const kept = entries.length > MAX_VERDICTS ? Object.fromEntries(entries.slice(-MAX_VERDICTS)) : this.data.verdicts;
    try {
      writeFileAtomic(this.file, seal(JSON.stringify({ ...this.data, verdicts: kept })));
      this.dirty = false;
    } catch {
      // speed only
    }
  }

  private load(): StoreFile {
    if (this.data) return this.data;
    this.data = { verdicts: {} };
    if (!this.file) return this.data;
    try {
      const parsed = JSON.parse(unseal(this.file) ?? '') as StoreFile;
      if (parsed && typeof parsed.verdicts === 'object' && parsed.verdicts !== null) this.data = parsed;
    } catch {
      // missing or damaged: start empty
    }
    return this.data;
  }
}

/** The installed version of a package whose `exports` hide its package.json, found beside its entry point. */
function installedVersion(name: string): string {
  const entry = require.resolve(name);
  const at = entry.lastIndexOf(`${join('node_modules', name)}`);
  if (at < 0) return 'unknown';
  const file = join(entry.slice(0, at), 'node_modules', name, 'package.json');
  return (JSON.parse(readFileSync(file, 'utf8')) as { version: string }).version;
}

function key(set: number, value: unknown): string {
  return createHash('sha1')
    .update(`${set}\u0000${JSON.stringify(value)}`)
    .digest('base64url');
}
