// Which environments a check covers: the named ones (or all), narrowed to those the changed files affect,
// then to this job's shard.

import type { Config } from '../config/types.js';
import type { Environment } from '../core/resource.js';
import { resolveTargets } from '../workspace/index.js';
import { affectedEnvironments, changedFiles, type ChangeSource } from './changed.js';
import { shardEnvironments, type Shard } from './shard.js';

export interface Selection {
  environments: Environment[];
  /** One line for people about how the set was narrowed, e.g. `2 of 200 environments read the 1 changed file`. */
  note?: string;
}

export function selectEnvironments(
  config: Config,
  args: readonly string[],
  opts: { changed?: ChangeSource; files?: readonly string[]; shard?: Shard },
): Selection {
  let envs = resolveTargets(config, opts.files ? [] : args);
  let note: string | undefined;
  // Narrow to the environments that read the given files (pre-commit) or the files git says changed.
  const narrowing = opts.files
    ? // Files outside kcfg's root cannot affect an environment.
      { files: opts.files.filter((f) => !f.startsWith('../') && f !== '..'), what: 'given' }
    : opts.changed
      ? {
          files: changedFiles(config.root, opts.changed),
          what: opts.changed.staged ? 'staged' : opts.changed.base ? `changed since ${opts.changed.base}` : 'changed',
        }
      : undefined;
  if (narrowing) {
    const { files, what } = narrowing;
    const affected = affectedEnvironments(config, envs, files);
    note = affected.allBecause
      ? `all ${envs.length} environments: ${affected.allBecause}`
      : `${affected.environments.length} of ${envs.length} environments read the ${files.length} ${what} file${files.length === 1 ? '' : 's'}`;
    envs = affected.environments;
  }
  if (opts.shard) {
    const before = envs.length;
    envs = shardEnvironments(envs, opts.shard);
    note = `${note ? `${note}; ` : ''}shard ${opts.shard.index}/${opts.shard.total}: ${envs.length} of ${before} environments`;
  }
  return { environments: envs, ...(note ? { note } : {}) };
}
