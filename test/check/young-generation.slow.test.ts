// The young generation of a streamed validation stops growing at 8 MB (core/young-generation.ts): measured
// in the real CLI process, whose heap statistics a preloaded module prints as it exits.

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, childEnv, ensureBuilt, tempCacheDir } from '../cli/helpers.js';
import { input } from './stream-fixture.js';

let dir: string;
let cache: string;

beforeAll(() => {
  ensureBuilt();
  dir = mkdtempSync(join(tmpdir(), 'kcfg-young-'));
  cache = tempCacheDir();
  writeFileSync(join(dir, 'big.yaml'), input());
  writeFileSync(
    join(dir, 'young.mjs'),
    `import { getHeapSpaceStatistics } from 'node:v8';
process.on('exit', () => {
  const young = getHeapSpaceStatistics().find((s) => s.space_name === 'new_space');
  process.stderr.write('young-generation-bytes ' + young.space_size + '\\n');
});
`,
  );
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
  rmSync(cache, { recursive: true, force: true });
});

async function youngBytes(nodeOptions?: string): Promise<number> {
  const { spawn } = await import('node:child_process');
  const env = childEnv({ KCFG_CACHE_DIR: cache, ...(nodeOptions ? { NODE_OPTIONS: nodeOptions } : {}) });
  const child = spawn(process.execPath, ['--import', join(dir, 'young.mjs'), BIN, 'validate', 'big.yaml'], {
    cwd: dir,
    env,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
  const code = await new Promise<number | null>((done) => child.on('close', done));
  expect(code, stderr).toBe(1);
  const m = /young-generation-bytes (\d+)/.exec(stderr);
  expect(m, stderr).not.toBeNull();
  return Number(m![1]);
}

describe('young generation of a streamed validation', () => {
  it('stops at 8 MB on a 0.8 MB input that grows it to 32 MB on Node 20 without the cap', async () => {
    // The first run compiles the schema validators, which can take it one doubling further before the
    // first look; the runs after it (a warm cache, as every run after the first) stay at the cap.
    expect(await youngBytes()).toBeLessThanOrEqual(16 * 1024 * 1024);
    expect(await youngBytes()).toBeLessThanOrEqual(8 * 1024 * 1024);
  });

  it('is left alone when the user sized it (--max-semi-space-size in NODE_OPTIONS)', async () => {
    expect(await youngBytes('--max-semi-space-size=16')).toBeGreaterThan(8 * 1024 * 1024);
  });
});
