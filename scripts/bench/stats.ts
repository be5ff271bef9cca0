// Small timing helpers for the benchmark runner: medians over several runs of a whole process.

import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

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

/** Run a command to completion, discarding its output; wall time measured around the whole process. */
export function runProcess(
  cmd: string,
  args: string[],
  opts: { cwd?: string; env?: NodeJS.ProcessEnv } = {},
): ProcessRun {
  const withTime = existsSync(GNU_TIME);
  const argv = withTime ? ['-f', '%M %U %S', cmd, ...args] : args;
  const started = performance.now();
  const r = spawnSync(withTime ? GNU_TIME : cmd, argv, {
    cwd: opts.cwd,
    env: opts.env ?? process.env,
    encoding: 'utf8',
    maxBuffer: 1 << 30,
  });
  const ms = performance.now() - started;
  const lines = r.stderr.trimEnd().split('\n');
  const run: ProcessRun = { ms, status: r.status, stdout: r.stdout, stderr: r.stderr };
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
