// Environment diffs for the HTML report: `--diff A,B` names the pair; without it, a report that shows
// diffs compares the first two environments checked. Environments not checked are rendered (from cache).

import { dirname } from 'node:path';
import type { Config } from '../config/types.js';
import { UsageError } from '../core/errors.js';
import type { RenderedEnvironment } from '../core/rendered.js';
import type { DiffOptions, DiffSection } from '../diff/index.js';
import { renderEnvironments } from '../render/index.js';
import { schemasDir } from '../schemas/location.js';
import { resolveTargets } from '../workspace/index.js';

export function parseDiffPair(spec: string): [string, string] {
  const parts = spec.split(',').map((s) => s.trim());
  if (parts.length !== 2 || !parts[0] || !parts[1] || parts[0] === parts[1]) {
    throw new UsageError(`invalid --diff '${spec}'`, 'name two different environments: --diff staging,production');
  }
  return [parts[0], parts[1]];
}

/** The diff engine is imported here, on use: most checks show no diff and should not pay for loading it. */
export async function environmentDiffs(
  config: Config,
  rendered: readonly RenderedEnvironment[],
  pair: [string, string] | undefined,
  cache: boolean,
): Promise<DiffSection[]> {
  let sides: RenderedEnvironment[];
  if (pair) {
    const envs = resolveTargets(config, pair);
    const missing = envs.filter((e) => !rendered.some((r) => r.env.name === e.name));
    const extra = missing.length ? await renderEnvironments(config, missing, { cache }) : [];
    sides = envs.map((e) => [...rendered, ...extra].find((r) => r.env.name === e.name)!);
  } else {
    sides = rendered.filter((r) => r.resources.length > 0).slice(0, 2);
    if (sides.length < 2) return [];
  }
  const [a, b] = sides as [RenderedEnvironment, RenderedEnvironment];
  const { diffEnvironments, envDiffSection, loadMergeKeys } = await import('../diff/index.js');
  return [
    envDiffSection(
      diffEnvironments(a, b, diffOptions(config, loadMergeKeys(dirname(schemasDir()), a.env.kubernetesVersion))),
    ),
  ];
}

function diffOptions(config: Config, mergeKeys: DiffOptions['mergeKeys']): DiffOptions {
  return {
    ignore: config.diff.ignore,
    sensitive: config.diff.sensitive,
    root: config.root,
    ...(mergeKeys ? { mergeKeys } : {}),
  };
}
