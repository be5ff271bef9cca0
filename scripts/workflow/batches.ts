// Many environments are checked in batches: progress can be reported between batches, and only one batch
// of rendered streams is held at a time. Each batch renders through the bounded pool and the render cache.

import { availableParallelism } from 'node:os';
import type { CheckResult } from '../check/result.js';
import { runCheck, type CheckRun, type CheckStages } from '../check/run.js';
import type { Config } from '../config/types.js';
import type { Environment } from '../core/resource.js';
import { mergeResults } from './merge.js';
import { SILENT, type Progress } from './progress.js';

export interface BatchOptions {
  cache: boolean;
  today?: Date;
  progress?: Progress;
  /** Environments per batch (default: 8 per core, at least 32): few enough pauses to keep the render pool busy. */
  batchSize?: number;
  /** Keep the rendered environments of every batch (for diffs and code frames); default true. */
  keepRendered?: boolean;
}

export async function runCheckInBatches(
  command: string,
  config: Config,
  envs: readonly Environment[],
  stages: CheckStages,
  opts: BatchOptions,
): Promise<CheckRun> {
  const size = Math.max(1, opts.batchSize ?? Math.max(32, 8 * availableParallelism()));
  const progress = opts.progress ?? SILENT;
  const runOpts = { cache: opts.cache, ...(opts.today ? { today: opts.today } : {}) };
  if (envs.length <= size) {
    progress.update(0, envs.length, 'rendering');
    const run = await runCheck(command, config, [...envs], stages, runOpts);
    progress.done();
    return withResourceIds(run);
  }
  const started = performance.now();
  const results: CheckResult[] = [];
  const rendered: CheckRun['rendered'] = [];
  try {
    for (let i = 0; i < envs.length; i += size) {
      progress.update(i, envs.length, 'checked');
      const run = withResourceIds(await runCheck(command, config, envs.slice(i, i + size), stages, runOpts));
      results.push(run.result);
      if (opts.keepRendered !== false) rendered.push(...run.rendered);
    }
  } finally {
    progress.done();
  }
  return { result: { ...mergeResults(results), command, durationMs: performance.now() - started }, rendered };
}

/** Resource identities per environment, for reporters that list every resource (JUnit). */
function withResourceIds(run: CheckRun): CheckRun {
  const ids = new Map(run.rendered.map((r) => [r.env.name, r.resources.map((x) => x.id)]));
  const environments = run.result.environments.map((e) => {
    const list = ids.get(e.name);
    return list ? { ...e, resourceIds: list } : e;
  });
  return { ...run, result: { ...run.result, environments } };
}
