import type { StageTimings } from '../../check/result.js';
import type { CheckStages } from '../../check/run.js';
import { relative, resolve } from 'node:path';
import type { Config } from '../../config/types.js';
import { UsageError } from '../../core/errors.js';
import { toPosix } from '../../workspace/paths.js';
import {
  createProgress,
  environmentDiffs,
  parseDiffPair,
  parseShard,
  runCheckInBatches,
  selectEnvironments,
  type ChangeSource,
} from '../../workflow/index.js';
import { bool, parse, str, type Options, type Parsed } from '../args.js';
import { loadContext, renderedFiles } from '../context.js';
import { exitCodeFor } from '../exit.js';
import { emit, outputTargets, reportOptions } from '../output.js';

export const CHECK_FLAGS: Options = {
  files: { type: 'boolean' },
  changed: { type: 'boolean' },
  staged: { type: 'boolean' },
  base: { type: 'string' },
  shard: { type: 'string' },
  diff: { type: 'string' },
};

async function run(command: string, stages: CheckStages, argv: string[]): Promise<number> {
  const p: Parsed = parse(argv, CHECK_FLAGS);
  const targets = outputTargets(p);
  const config = loadContext(p);
  const changed = changeSource(p);
  const shard = str(p, 'shard');
  const diffPair = str(p, 'diff') !== undefined ? parseDiffPair(str(p, 'diff')!) : undefined;
  const files = bool(p, 'files') ? givenFiles(p, config) : undefined;
  if (files && changed)
    throw new UsageError('--files and --changed cannot be combined', 'pre-commit passes the files; --changed asks git');
  const selection = selectEnvironments(config, p.positionals, {
    ...(changed ? { changed } : {}),
    ...(files ? { files } : {}),
    ...(shard ? { shard: parseShard(shard) } : {}),
  });
  const envs = selection.environments;
  if (selection.note && (bool(p, 'verbose') || (envs.length === 0 && !bool(p, 'quiet')))) {
    process.stderr.write(`kcfg: ${selection.note}${envs.length === 0 ? '; nothing to check' : ''}\n`);
  }
  const cache = !bool(p, 'no-cache');
  const progress = createProgress({
    stream: process.stderr,
    env: process.env,
    verbose: bool(p, 'verbose'),
    quiet: bool(p, 'quiet'),
    environments: envs.length,
  });
  const { result, rendered } = await runCheckInBatches(command, config, envs, stages, { cache, progress });
  if (bool(p, 'verbose') && result.stageMs)
    process.stderr.write(`kcfg: ${stageLine(result.stageMs, result.durationMs)}\n`);
  const wantsDiff = diffPair !== undefined || targets.some((t) => t.format === 'html');
  const diffs = wantsDiff ? await environmentDiffs(config, rendered, diffPair, cache) : [];
  const full = diffs.length > 0 ? { ...result, diffs } : result;
  const options = reportOptions(p, config.root, renderedFiles(rendered), config);
  await emit(full, targets, options, process.cwd());
  return exitCodeFor(result.diagnostics);
}

/** Where the time went; each stage includes loading its modules, which is most of a small repository's cost. */
export function stageLine(ms: StageTimings, totalMs: number): string {
  const f = (n: number): string => `${Math.round(n)} ms`;
  return `time by stage: render ${f(ms.render)}, validate ${f(ms.validate)}, policies ${f(ms.policies)} (total ${f(totalMs)})`;
}

/** `--files a b`: paths relative to the working directory (pre-commit runs hooks at the git top level) → root-relative. */
function givenFiles(p: Parsed, config: Config): string[] {
  return p.positionals.map((f) => toPosix(relative(config.root, resolve(process.cwd(), f))));
}

/** `--staged` and `--base REF` imply `--changed`. */
function changeSource(p: Parsed): ChangeSource | undefined {
  const staged = bool(p, 'staged');
  const base = str(p, 'base');
  if (!bool(p, 'changed') && !staged && base === undefined) return undefined;
  if (staged && base !== undefined)
    throw new UsageError(
      '--staged and --base cannot be combined',
      'use --staged in a pre-commit hook and --base REF in CI',
    );
  return { ...(staged ? { staged } : {}), ...(base !== undefined ? { base } : {}) };
}

export const checkCommand = (argv: string[]): Promise<number> => run('check', { validate: true, policies: true }, argv);
export const policyCommand = (argv: string[]): Promise<number> =>
  run('policy', { validate: false, policies: true }, argv);
