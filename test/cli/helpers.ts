// Run the real CLI (`node bin/kcfg.js`) in a child process: exit codes, stdout and stderr exactly as a user sees them.

import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect } from 'vitest';

export const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const BIN = join(REPO, 'bin/kcfg.js');
export const FIXTURES = join(REPO, 'test/fixtures/bad-input');

export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
  ms: number;
}

export interface RunOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  input?: string;
  /** Kill the child after this long; a test about speed should fail, not hang. */
  timeoutMs?: number;
}

export interface Sandbox {
  /** A temporary folder for the test file's repositories and inputs. */
  readonly tmp: string;
  readonly cache: string;
  /** The environment for `kcfg(...)`: the private cache, no colours. */
  readonly env: NodeJS.ProcessEnv;
}

/** For one test file: the CLI built, a private cache and a temp folder, removed after the file's tests. */
export function sandbox(prefix: string): Sandbox {
  const box = { tmp: '', cache: '', env: {} as NodeJS.ProcessEnv };
  beforeAll(() => {
    ensureBuilt();
    box.cache = tempCacheDir();
    box.tmp = mkdtempSync(join(tmpdir(), prefix));
    box.env = childEnv({ KCFG_CACHE_DIR: box.cache });
  });
  afterAll(() => {
    rmSync(box.cache, { recursive: true, force: true });
    rmSync(box.tmp, { recursive: true, force: true });
  });
  return box;
}

/** A private render cache per test file, so runs do not share state with the developer's cache. */
export function tempCacheDir(): string {
  return mkdtempSync(join(tmpdir(), 'kcfg-cli-cache-'));
}

export function childEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1', ...extra };
  delete env['FORCE_COLOR'];
  delete env['KCFG_DEBUG'];
  return env;
}

export function kcfg(args: string[], opts: RunOptions = {}): Promise<Run> {
  const started = performance.now();
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd: opts.cwd ?? REPO,
      env: opts.env ?? childEnv(),
      stdio: 'pipe',
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs ?? 60_000);
    child.on('error', fail);
    child.on('close', (code) => {
      clearTimeout(timer);
      done({
        code,
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
        ms: performance.now() - started,
      });
    });
    child.stdin.on('error', () => {});
    child.stdin.end(opts.input ?? '');
  });
}

/** What must never reach a user: a JavaScript stack trace or an unexpected-failure message. */
export function expectNoCrash(run: Run): void {
  const all = run.stdout + run.stderr;
  expect(all, all).not.toMatch(/^\s+at .+(\(|:\d+:\d+)/m);
  expect(all).not.toContain('node:internal');
  expect(all).not.toContain('internal error');
  expect(run.code, all).not.toBeNull();
}

/**
 * Build dist/ once when a source file is newer than the bundled CLI (`npm test` builds first, so this is
 * usually a no-op). A directory lock keeps parallel test files from building together.
 */
export function ensureBuilt(): void {
  const main = join(REPO, 'dist/cli/main.js');
  if (existsSync(main) && newestSource() <= statSync(main).mtimeMs) return;
  const lock = join(REPO, 'dist/.cli-test-build.lock');
  mkdirSync(dirname(lock), { recursive: true });
  for (let waited = 0; ; waited += 200) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      if (waited > 120_000) throw new Error(`${lock} held for two minutes`);
      spawnSync('sleep', ['0.2']);
    }
  }
  try {
    if (existsSync(main) && newestSource() <= statSync(main).mtimeMs) return;
    // Type errors in files under someone's active edit still emit JavaScript; only a missing CLI is fatal.
    spawnSync(process.execPath, [join(REPO, 'node_modules/typescript/bin/tsc'), '-p', join(REPO, 'tsconfig.json')], {
      cwd: REPO,
      stdio: 'ignore',
    });
    spawnSync(process.execPath, [join(REPO, 'dist/scripts/build/bundle.js')], { cwd: REPO, stdio: 'ignore' });
    if (!existsSync(main)) throw new Error('npm run build did not produce dist/cli/main.js');
  } finally {
    rmdirSync(lock);
  }
}

function newestSource(): number {
  let newest = 0;
  const walk = (dir: string): void => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.ts')) newest = Math.max(newest, statSync(p).mtimeMs);
    }
  };
  for (const d of ['scripts', 'policies']) if (existsSync(join(REPO, d))) walk(join(REPO, d));
  return newest;
}
