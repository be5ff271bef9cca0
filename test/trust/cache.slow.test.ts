// The cache cannot be turned against the user: no code from a checked repository runs, nothing but kcfg's own
// entries is deleted, damaged or forged entries are discarded, and concurrent or killed runs never change a
// later result.

import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, childEnv, ensureBuilt, expectNoCrash, kcfg } from '../cli/helpers.js';
import { CONFIGMAP_BAD, kustomizeTree, tempDir, write } from '../adoption/consumer.js';

/** The report without the per-environment `cached` flags, which say how a result was reached, not what it is. */
function verdict(stdout: string): string {
  return stdout.replace(/"cached": (true|false)/g, '"cached": -');
}

function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name));
}

describe('cache integrity and ownership', () => {
  const dirs: string[] = [];
  let repo: string;
  let xdg: string;
  let baseline: string;
  const env = (cache: string): NodeJS.ProcessEnv => childEnv({ XDG_CACHE_HOME: xdg, KCFG_CACHE_DIR: cache });
  const check = (cache: string) =>
    kcfg(['check', '--format', 'json'], { cwd: repo, env: env(cache), timeoutMs: 60_000 });

  beforeAll(async () => {
    ensureBuilt();
    repo = tempDir('trust-cache');
    xdg = tempDir('trust-xdg');
    dirs.push(repo, xdg);
    kustomizeTree(repo, CONFIGMAP_BAD);
    const first = await check(join(xdg, 'baseline'));
    expect(first.code, first.stderr).toBe(1);
    baseline = verdict(first.stdout);
  });
  afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

  it('a cache directory inside the repository is refused, configured or from the environment', async () => {
    write(repo, { 'kcfg.yaml': 'environments:\n  - path: deploy/overlays/*\ncacheDir: .cache/kcfg\n' });
    try {
      const configured = await kcfg(['check'], { cwd: repo, env: childEnv({ XDG_CACHE_HOME: xdg }) });
      expect(configured.code).toBe(2);
      expect(configured.stderr).toMatch(/^kcfg: kcfg\.yaml:3:1: cacheDir .* is inside the repository/);
    } finally {
      rmSync(join(repo, 'kcfg.yaml'));
    }
    const fromEnv = await kcfg(['check'], { cwd: repo, env: env(join(repo, 'deploy/.kcfg-cache')) });
    expect(fromEnv.code).toBe(2);
    expect(fromEnv.stderr).toMatch(/KCFG_CACHE_DIR=.* is inside the repository/);
    expect(existsSync(join(repo, 'deploy/.kcfg-cache'))).toBe(false);
  });

  it('validate FILE without a configuration writes its cache outside the tree, and refuses one inside it', async () => {
    const dir = tempDir('validate-file');
    dirs.push(dir);
    write(dir, { 'cm.yaml': CONFIGMAP_BAD });
    const r = await kcfg(['validate', 'cm.yaml'], { cwd: dir, env: childEnv({ XDG_CACHE_HOME: xdg }) });
    expect(r.code, r.stderr).toBe(1);
    expect(readdirSync(dir, { recursive: true })).toEqual(['cm.yaml']);
    const inside = await kcfg(['validate', 'cm.yaml'], { cwd: dir, env: env(join(dir, '.cache')) });
    expect(inside.code).toBe(2);
    expect(inside.stderr).toMatch(/KCFG_CACHE_DIR=.* is inside the repository/);
  });

  it('validators kcfg did not write are never run: a planted one is recompiled', async () => {
    const cache = join(xdg, 'planted');
    expect(verdict((await check(cache)).stdout)).toBe(baseline);
    const canary = join(tmpdir(), `kcfg-canary-${process.pid}-${Date.now()}`);
    const planted = filesUnder(cache).filter((f) => f.endsWith('.cjs'));
    expect(planted.length).toBeGreaterThan(0);
    const payload = `process.getBuiltinModule('fs').writeFileSync(${JSON.stringify(canary)}, 'ran'); module.exports = function () { return true; };`;
    for (const f of planted) writeFileSync(f, payload);
    // Without cached results and renders the validators are loaded again.
    rmSync(join(cache, 'check'), { recursive: true, force: true });
    rmSync(join(cache, 'render'), { recursive: true, force: true });
    const again = await check(cache);
    expect(existsSync(canary)).toBe(false);
    expect(verdict(again.stdout)).toBe(baseline);
  });

  it('clean-up deletes only entries kcfg wrote', async () => {
    const cache = join(xdg, 'prune');
    await check(cache);
    const render = join(cache, 'render');
    const mine = readdirSync(render).find((f) => /^[0-9a-f]{64}\.json$/.test(f))!;
    const old = new Date(Date.now() - 90 * 24 * 3600 * 1000);
    write(render, { 'notes.txt': 'a user file\n', 'thesis.json': '{}\n' });
    for (const f of ['notes.txt', 'thesis.json', mine]) utimesSync(join(render, f), old, old);
    // A change renders again, which writes an entry and prunes old ones.
    write(repo, {
      'deploy/overlays/production/extra.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: extra\ndata: {}\n',
    });
    write(repo, {
      'deploy/overlays/production/kustomization.yaml':
        'namespace: shop\nnamePrefix: prod-\nresources:\n  - ../../base\n  - extra.yaml\n',
    });
    try {
      await check(cache);
      expect(existsSync(join(render, 'notes.txt'))).toBe(true);
      expect(existsSync(join(render, 'thesis.json'))).toBe(true);
      expect(existsSync(join(render, mine))).toBe(false);
    } finally {
      kustomizeTree(repo, CONFIGMAP_BAD);
      rmSync(join(repo, 'deploy/overlays/production/extra.yaml'));
    }
  });

  it('a flipped bit in any cache file changes nothing: the entry is discarded and rebuilt', async () => {
    const cache = join(xdg, 'flip');
    await check(cache);
    const files = filesUnder(cache).filter((f) => !f.endsWith('.tmp'));
    expect(files.length).toBeGreaterThan(3);
    for (const f of files) {
      const b = readFileSync(f);
      if (b.length === 0) continue;
      b[Math.floor(b.length / 2)] ^= 0x01;
      writeFileSync(f, b);
    }
    const again = await check(cache);
    expectNoCrash(again);
    expect(verdict(again.stdout)).toBe(baseline);
  });

  it('four concurrent checks on one empty cache agree, and leave a cache the next run trusts', async () => {
    const cache = join(xdg, 'concurrent');
    const runs = await Promise.all([check(cache), check(cache), check(cache), check(cache)]);
    for (const r of runs) {
      expectNoCrash(r);
      expect(verdict(r.stdout)).toBe(baseline);
    }
    const after = await Promise.all([check(cache), check(cache)]);
    for (const r of after) expect(verdict(r.stdout)).toBe(baseline);
  });

  it(
    'checks killed at random points never change a later result, and leave no wrapper directories',
    { timeout: 120_000 },
    async () => {
      const cache = join(xdg, 'killed');
      const delays = [40, 120, 250, 400, 600, 900];
      for (const [i, delay] of delays.entries()) {
        const signal = i % 2 === 0 ? 'SIGKILL' : 'SIGTERM';
        // Each killed run has real work to do: rendering, compiling and writing entries.
        for (const sub of ['render', 'check']) rmSync(join(cache, sub), { recursive: true, force: true });
        const child = spawn(process.execPath, [BIN, 'check', '--format', 'json', '--no-color'], {
          cwd: repo,
          env: env(cache),
          stdio: 'ignore',
        });
        const closed = new Promise((r) => child.once('close', r));
        await new Promise((r) => setTimeout(r, delay));
        child.kill(signal);
        await closed;
        if (signal === 'SIGTERM') {
          // A terminated run removes its wrapper directory and ends its engine process itself.
          expect(readdirSync(tmpdir()).filter((n) => n.startsWith(`kcfg-render-${child.pid}-`))).toEqual([]);
        }
        const next = await check(cache);
        expectNoCrash(next);
        expect(verdict(next.stdout), `after ${signal} at ${delay} ms`).toBe(baseline);
        // The next run sweeps what a killed one left.
        expect(readdirSync(tmpdir()).filter((n) => n.startsWith(`kcfg-render-${child.pid}-`))).toEqual([]);
      }
      // Other test files render at the same time: a directory may vanish between listing and stat.
      const olderThanAMinute = (n: string): boolean => {
        try {
          return statSync(join(tmpdir(), n)).mtimeMs < Date.now() - 60_000;
        } catch {
          return false;
        }
      };
      const stale = readdirSync(tmpdir()).filter((n) => /^kcfg-render-\d+-/.test(n) && olderThanAMinute(n));
      expect(stale).toEqual([]);
    },
  );
});
