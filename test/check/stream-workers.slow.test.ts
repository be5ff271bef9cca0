// Worker threads change nothing but speed: `kcfg validate` on a multi-batch input prints the same bytes with
// KCFG_WORKERS=0 (all on the main thread) and with two workers, for a file and for standard input.

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { childEnv, ensureBuilt, kcfg, tempCacheDir } from '../cli/helpers.js';
import { input } from './stream-fixture.js';

const text = input();
let dir: string;
let cache: string;

beforeAll(() => {
  ensureBuilt();
  dir = mkdtempSync(join(tmpdir(), 'kcfg-workers-'));
  writeFileSync(join(dir, 'big.yaml'), text);
  cache = tempCacheDir();
});

/** The output without the run's duration, the one thing that may differ. */
async function output(workers: number, format: string, stdin: boolean): Promise<string> {
  const r = await kcfg(['validate', stdin ? '-' : 'big.yaml', '--format', format], {
    cwd: dir,
    env: childEnv({ KCFG_WORKERS: String(workers), KCFG_CACHE_DIR: cache }),
    ...(stdin ? { input: text } : {}),
    timeoutMs: 120_000,
  });
  expect(r.code, r.stderr).toBe(1);
  return r.stdout.replace(/\d+ ms\)/g, 'N ms)');
}

describe('kcfg validate on worker threads', () => {
  for (const format of ['text', 'json']) {
    it(`prints the same ${format} report as on one thread`, async () => {
      const one = await output(0, format, false);
      expect(one.length).toBeGreaterThan(10_000);
      expect(await output(2, format, false)).toBe(one);
    });
  }

  it('streams standard input through the workers with the same result', async () => {
    expect(await output(2, 'text', true)).toBe(await output(0, 'text', true));
  });
});
