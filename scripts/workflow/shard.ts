// `--shard i/n`: split environments across CI jobs. Environments are sorted by name and dealt round-robin,
// so every job gets the same split on every machine and shard sizes differ by at most one.

import { UsageError } from '../core/errors.js';
import type { Environment } from '../core/resource.js';

export interface Shard {
  /** 1-based. */
  index: number;
  total: number;
}

export function parseShard(spec: string): Shard {
  const m = /^(\d+)\/(\d+)$/.exec(spec.trim());
  const index = m ? Number(m[1]) : NaN;
  const total = m ? Number(m[2]) : NaN;
  if (!m || total < 1 || index < 1 || index > total) {
    throw new UsageError(`invalid --shard '${spec}'`, 'write it as i/n with 1 ≤ i ≤ n, e.g. --shard 2/4');
  }
  return { index, total };
}

export function shardEnvironments<T extends Pick<Environment, 'name'>>(envs: readonly T[], shard: Shard): T[] {
  const sorted = [...envs].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return sorted.filter((_, i) => i % shard.total === shard.index - 1);
}
