// Install kcfg as this repository's git pre-commit hook: `npx tsx scripts/workflow/install-hook.ts [--force]`
// (or `node dist/scripts/workflow/install-hook.js` after a build). The hook checks only the environments the
// staged files affect; remove the hook file to uninstall. Repositories using the pre-commit framework use
// .pre-commit-hooks.yaml instead.

import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { KcfgError, UsageError, formatError } from '../core/errors.js';

export const HOOK_MARKER = '# kcfg pre-commit hook';

export interface InstallOptions {
  /** Replace an existing hook that kcfg did not write. */
  force?: boolean;
  /** Shell words that start kcfg; default: this checkout's sources through tsx when run here, else `npx --no-install kcfg`. */
  command?: string;
}

/** Writes the hook and returns its path. `root` is the directory holding kcfg.yaml. */
export function installHook(root: string, opts: InstallOptions = {}): string {
  const top = gitOut(root, ['rev-parse', '--show-toplevel']);
  const hooksPath = gitOut(root, ['config', '--get', 'core.hooksPath'], true);
  const dir = hooksPath
    ? isAbsolute(hooksPath)
      ? hooksPath
      : join(top, hooksPath)
    : resolve(root, gitOut(root, ['rev-parse', '--git-path', 'hooks']));
  const file = join(dir, 'pre-commit');
  if (existsSync(file) && !readFileSync(file, 'utf8').includes(HOOK_MARKER) && !opts.force) {
    throw new UsageError(
      `${file} exists and was not written by kcfg`,
      'rerun with --force to replace it, or call kcfg from your hook: kcfg check --changed --staged',
    );
  }
  const rel = relative(top, resolve(root)).split('\\').join('/');
  const cwdFlag = rel ? ` -C ${shellQuote(rel)}` : '';
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    file,
    [
      '#!/bin/sh',
      `${HOOK_MARKER}: checks only the environments the staged files affect.`,
      '# Written by scripts/workflow/install-hook.ts; delete this file to uninstall, or skip once with git commit --no-verify.',
      'cd "$(git rev-parse --show-toplevel)" || exit 2',
      `${opts.command ?? defaultCommand(top)} check${cwdFlag} --changed --staged`,
      '',
    ].join('\n'),
  );
  chmodSync(file, 0o755);
  return file;
}

/** In kcfg's own repository the hook runs the sources as they are, so it never checks with a stale build. */
function defaultCommand(top: string): string {
  const self = existsSync(join(top, 'scripts/cli/main.ts')) && existsSync(join(top, 'node_modules/.bin/tsx'));
  if (!self) return 'npx --no-install kcfg';
  return `exec node_modules/.bin/tsx -e "import('./scripts/cli/main.ts').then((m) => m.main(process.argv.slice(1))).then((c) => process.exit(c))"`;
}

function shellQuote(s: string): string {
  return /^[\w./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}

function gitOut(cwd: string, args: string[], optional = false): string {
  const r = spawnSync('git', args, { cwd, encoding: 'utf8' });
  if (r.status !== 0) {
    if (optional) return '';
    throw new UsageError(`${cwd} is not inside a git repository`, 'run the installer from a clone');
  }
  return r.stdout.trim();
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  try {
    const args = process.argv.slice(2);
    const unknown = args.filter((a) => a !== '--force');
    if (unknown.length) throw new UsageError(`unknown argument ${unknown[0]}`, 'usage: install-hook [--force]');
    const file = installHook(process.cwd(), { force: args.includes('--force') });
    process.stdout.write(`kcfg: installed ${relative(process.cwd(), file) || file}\n`);
  } catch (e) {
    process.stderr.write((e instanceof KcfgError ? formatError(e) : `kcfg: ${String(e)}`) + '\n');
    process.exitCode = 2;
  }
}
