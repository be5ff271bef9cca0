// What a render leaves running or on disk while it works: engine processes and wrapper directories. On SIGINT
// or SIGTERM they are ended and removed before kcfg exits; directories of runs that were killed outright
// (SIGKILL, a crash) carry their process id in the name and are removed by the next run.

import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const PREFIX = 'kcfg-render-';
const children = new Set<ChildProcess>();
const dirs = new Set<string>();
let installed = false;

/** A fresh wrapper directory in the temp folder, removed on exit however kcfg ends short of SIGKILL. */
export function makeWrapperDir(): string {
  installHandlers();
  sweepStale();
  const dir = mkdtempSync(join(tmpdir(), `${PREFIX}${process.pid}-`));
  dirs.add(dir);
  return dir;
}

export function removeWrapperDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
  dirs.delete(dir);
}

/** Track an engine process so a signal ends it too. */
export function track(child: ChildProcess): void {
  installHandlers();
  children.add(child);
  child.once('exit', () => children.delete(child));
}

function cleanUp(): void {
  for (const c of children) c.kill('SIGKILL');
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
  children.clear();
  dirs.clear();
}

function installHandlers(): void {
  if (installed) return;
  installed = true;
  process.once('exit', cleanUp);
  for (const [signal, code] of [
    ['SIGINT', 130],
    ['SIGTERM', 143],
    ['SIGHUP', 129],
  ] as const) {
    process.once(signal, () => {
      cleanUp();
      process.exit(code);
    });
  }
}

let swept = false;

/** Wrapper directories whose process is gone (killed with SIGKILL, or crashed). */
function sweepStale(): void {
  if (swept) return;
  swept = true;
  let names: string[];
  try {
    names = readdirSync(tmpdir());
  } catch {
    return;
  }
  for (const name of names) {
    const m = /^kcfg-render-(\d+)-/.exec(name);
    if (!m || Number(m[1]) === process.pid || alive(Number(m[1]))) continue;
    rmSync(join(tmpdir(), name), { recursive: true, force: true });
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}
