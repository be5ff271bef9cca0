// Small timing helpers for the benchmark runner: medians over several runs of a whole process.

import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

export interface ProcessRun {
  ms: number;
  /** Peak resident set size in MiB, when GNU time is available. */
  rssMb?: number;
  /** User plus system CPU time, when GNU time is available. */
  cpuMs?: number;
  status: number | null;
  stdout: string;
  /** Standard error, without GNU time's line. */
  stderr: string;
}

const GNU_TIME = '/usr/bin/time';

/**
 * Run a command to completion; wall time measured around the whole process. Its standard output goes to a
 * file (as `kcfg … > report.json` would) and is read back afterwards: through spawnSync's pipe a child that
 * writes megabytes waits on the parent's reads, which measured 10-25% slower than writing to a file or to
 * `| cat`, and that is the harness, not kcfg.
 */
export function runProcess(
  cmd: string,
  args: string[],
  opts: { cwd?: string; env?: NodeJS.ProcessEnv } = {},
): ProcessRun {
  const withTime = existsSync(GNU_TIME);
  const argv = withTime ? ['-f', '%M %U %S', cmd, ...args] : args;
  const dir = mkdtempSync(join(tmpdir(), 'kcfg-bench-out-'));
  const outFile = join(dir, 'stdout');
  const fd = openSync(outFile, 'w');
  const started = performance.now();
  let r: SpawnSyncReturns<string>;
  try {
    r = spawnSync(withTime ? GNU_TIME : cmd, argv, {
      cwd: opts.cwd,
      env: opts.env ?? process.env,
      encoding: 'utf8',
      stdio: ['ignore', fd, 'pipe'],
      maxBuffer: 1 << 30,
    });
  } finally {
    closeSync(fd);
  }
  const ms = performance.now() - started;
  const stdout = readFileSync(outFile, 'utf8');
  rmSync(dir, { recursive: true, force: true });
  const lines = r.stderr.trimEnd().split('\n');
  const run: ProcessRun = { ms, status: r.status, stdout, stderr: r.stderr };
  if (withTime) {
    const [kb, user, sys] = (lines.pop() ?? '').split(' ').map(Number);
    if (Number.isFinite(kb)) run.rssMb = kb / 1024;
    if (Number.isFinite(user) && Number.isFinite(sys)) run.cpuMs = (user + sys) * 1000;
    run.stderr = lines.join('\n');
  }
  return run;
}

export function fmtMs(ms: number): string {
  return ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${Math.round(ms)} ms`;
}
