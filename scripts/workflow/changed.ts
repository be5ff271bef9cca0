// `--changed`: which files changed (staged, against a base ref, or the working tree against HEAD), and which
// environments read them. An environment is affected when a changed file is in its kustomization closure;
// a change to kcfg's own configuration affects every environment.

import { spawnSync } from 'node:child_process';
import type { Config } from '../config/types.js';
import { KcfgError, UsageError } from '../core/errors.js';
import type { Environment } from '../core/resource.js';
import { closure } from '../workspace/closure.js';

export interface ChangeSource {
  /** Only what is staged for the next commit (pre-commit). */
  staged?: boolean;
  /** Compare the working tree with the merge base of this ref and HEAD (pull requests). */
  base?: string;
}

/** Files whose change can alter every environment's result: configuration, policies and their settings, schemas. */
const GLOBAL_PREFIXES = ['policies/', 'schemas/'];

/**
 * Repository-relative (to `root`) paths that differ, sorted. Renames count as a deletion plus an addition so
 * an environment that read the old path is affected too. Untracked files count unless `staged`.
 */
export function changedFiles(root: string, source: ChangeSource = {}): string[] {
  const files = new Set<string>();
  const diff = ['diff', '--name-only', '--no-renames', '--relative', '-z'];
  if (source.staged) {
    if (source.base)
      throw new UsageError(
        '--staged and --base cannot be combined',
        'use --staged in a pre-commit hook and --base REF in CI',
      );
    for (const f of git(root, [...diff, '--cached'])) files.add(f);
    return [...files].sort();
  }
  let against = 'HEAD';
  if (source.base) {
    const [mergeBase] = git(
      root,
      ['merge-base', source.base, 'HEAD'],
      `cannot find a common ancestor of ${source.base} and HEAD`,
      '\n',
    );
    if (!mergeBase)
      throw new UsageError(
        `no merge base between ${source.base} and HEAD`,
        'fetch the base branch with enough history (fetch-depth: 0)',
      );
    against = mergeBase;
  } else if (!hasHead(root)) {
    // A repository without commits: everything is new.
    for (const f of git(root, ['ls-files', '-z', '--cached', '--others', '--exclude-standard'])) files.add(f);
    return [...files].sort();
  }
  for (const f of git(root, [...diff, against])) files.add(f);
  for (const f of git(root, ['ls-files', '-z', '--others', '--exclude-standard'])) files.add(f);
  return [...files].sort();
}

export interface Affected {
  environments: Environment[];
  /** Why every environment is affected, when that is the case. */
  allBecause?: string;
}

export function affectedEnvironments(config: Config, envs: readonly Environment[], files: readonly string[]): Affected {
  const changed = new Set(files);
  const global = files.find((f) => f === config.file || GLOBAL_PREFIXES.some((p) => f.startsWith(p)));
  if (global !== undefined) return { environments: [...envs], allBecause: `${global} changed` };
  if (changed.size === 0) return { environments: [] };
  const out: Environment[] = [];
  for (const env of envs) {
    let files: string[];
    try {
      files = closure(config.root, env.dir);
    } catch (e) {
      // A kustomization kcfg cannot follow: render it, so the problem is reported rather than skipped.
      if (e instanceof KcfgError) {
        out.push(env);
        continue;
      }
      throw e;
    }
    if (files.some((f) => changed.has(f))) out.push(env);
  }
  return { environments: out };
}

function hasHead(root: string): boolean {
  return spawnSync('git', ['rev-parse', '--verify', '--quiet', 'HEAD'], { cwd: root, encoding: 'utf8' }).status === 0;
}

function git(root: string, args: string[], what = 'git failed', sep = '\0'): string[] {
  const r = spawnSync('git', args, { cwd: root, encoding: 'utf8', maxBuffer: 1 << 28 });
  if (r.error)
    throw new UsageError(`--changed needs git: ${r.error.message}`, 'install git, or name the environments to check');
  if (r.status !== 0) {
    const msg = r.stderr.trim().split('\n')[0] ?? '';
    if (/not a git repository/i.test(msg))
      throw new UsageError(
        `--changed needs a git repository: ${root} is not in one`,
        'name the environments to check instead',
      );
    throw new UsageError(`${what}: ${msg}`);
  }
  return r.stdout
    .split(sep)
    .map((s) => s.trim())
    .filter(Boolean);
}
