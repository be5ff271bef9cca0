import type { LineSource } from '../../resources/excerpt-lines.js';
import { fileLocator, toDiagnostic } from '../../check/locate.js';
import type { PlainInputResult } from '../../check/plain-input.js';
import { emptyResult, type CheckResult, type StageTimings } from '../../check/result.js';
import type { CheckStages } from '../../check/run.js';
import { relative, resolve } from 'node:path';
import type { Config } from '../../config/types.js';
import { mergeDiagnostics } from '../../core/diagnostic.js';
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
import { argsDir, loadContext, renderedFiles, splitInputs } from '../context.js';
import { exitCodeFor } from '../exit.js';
import { emit, outputTargets, reportOptions } from '../output.js';

export const CHECK_FLAGS: Options = {
  env: { type: 'string' },
  files: { type: 'boolean' },
  changed: { type: 'boolean' },
  staged: { type: 'boolean' },
  base: { type: 'string' },
  shard: { type: 'string' },
  diff: { type: 'string' },
};

async function run(command: string, stages: CheckStages, argv: string[]): Promise<number> {
  const started = performance.now();
  const p: Parsed = parse(argv, CHECK_FLAGS);
  const targets = outputTargets(p);
  const cwd = argsDir(p);
  const inputs = bool(p, 'files') ? { files: [], dirs: p.positionals } : splitInputs(p.positionals, cwd);
  const config = loadContext(p);
  const changed = changeSource(p);
  const shard = str(p, 'shard');
  const diffPair = str(p, 'diff') !== undefined ? parseDiffPair(str(p, 'diff')!) : undefined;
  if (inputs.files.length > 0 && (changed || shard || diffPair))
    throw new UsageError(
      '--changed, --shard and --diff choose environments; they cannot be combined with manifest files',
      'check the files in a run of their own',
    );
  if (str(p, 'env') !== undefined && inputs.files.length === 0)
    throw new UsageError('--env chooses the settings for manifest files or stdin', 'name environments as arguments');
  const files = bool(p, 'files') ? givenFiles(p, config) : undefined;
  if (files && changed)
    throw new UsageError('--files and --changed cannot be combined', 'pre-commit passes the files; --changed asks git');
  const onlyFiles = inputs.files.length > 0 && inputs.dirs.length === 0;
  const selection = onlyFiles
    ? { environments: [] }
    : selectEnvironments(config, inputs.dirs, {
        ...(changed ? { changed } : {}),
        ...(files ? { files } : {}),
        ...(shard ? { shard: parseShard(shard) } : {}),
      });
  const envs = selection.environments;
  const note = 'note' in selection ? selection.note : undefined;
  if (note && (bool(p, 'verbose') || (envs.length === 0 && !onlyFiles && !bool(p, 'quiet')))) {
    process.stderr.write(`kcfg: ${note}${envs.length === 0 ? '; nothing to check' : ''}\n`);
  }
  const cache = !bool(p, 'no-cache');
  const progress = createProgress({
    stream: process.stderr,
    env: process.env,
    verbose: bool(p, 'verbose'),
    quiet: bool(p, 'quiet'),
    environments: envs.length,
  });
  const run = onlyFiles ? undefined : await runCheckInBatches(command, config, envs, stages, { cache, progress });
  const rendered = run?.rendered ?? [];
  let result: CheckResult = run?.result ?? emptyResult(command);
  if (bool(p, 'verbose') && result.stageMs)
    process.stderr.write(`kcfg: ${stageLine(result.stageMs, result.durationMs)}\n`);
  const excerpts = new Map<string, LineSource>();
  if (inputs.files.length > 0) {
    const plain = await checkFiles(p, config, inputs.files, stages, targets, cwd);
    result = { ...mergeFileResults(result, plain, excerpts), durationMs: performance.now() - started };
  }
  const wantsDiff = diffPair !== undefined || targets.some((t) => t.format === 'html');
  const diffs = wantsDiff && rendered.length > 0 ? await environmentDiffs(config, rendered, diffPair, cache) : [];
  const full = diffs.length > 0 ? { ...result, diffs } : result;
  const options = reportOptions(p, config.root, renderedFiles(rendered), config);
  await emit(full, targets, { ...options, ...(excerpts.size > 0 ? { excerpts } : {}) }, process.cwd());
  return exitCodeFor(result.diagnostics);
}

/** Manifest files and stdin, checked with the settings of `--env NAME` (or the shared ones). */
async function checkFiles(
  p: Parsed,
  config: Config,
  files: string[],
  stages: CheckStages,
  targets: ReturnType<typeof outputTargets>,
  cwd: string,
): Promise<PlainInputResult[]> {
  const started = performance.now();
  const names = (): string[] => config.environments.map((e) => e.name);
  const envName = str(p, 'env');
  const chosen = envName === undefined ? undefined : config.environments.find((e) => e.name === envName);
  if (envName !== undefined && !chosen)
    throw new UsageError(
      `unknown environment "${envName}"`,
      names().length ? `environments are: ${names().join(', ')}` : 'kcfg.yaml names no environments here',
    );
  const [{ loadPolicyConfig }, { POLICY_LIST }, { checkPlainInput }, { loadUserCrds }] = await Promise.all([
    import('../../policy/index.js'),
    import('../../../policies/index.js'),
    import('../../check/plain-input.js'),
    import('../../validate/index.js'),
  ]);
  const userCrds = stages.validate ? loadUserCrds(config.root, config.schemas.crds) : undefined;
  const policyConfig = loadPolicyConfig(config.root, {
    registry: POLICY_LIST,
    ...(config.file ? { environments: names() } : {}),
    cacheDir: config.cacheDir,
  });
  const out: PlainInputResult[] = [];
  for (const arg of files) {
    const name = arg === '-' ? '<stdin>' : toPosix(relative(cwd, resolve(cwd, arg)));
    const env = chosen ?? { name, dir: '', kubernetesVersion: config.schemas.kubernetesVersion };
    out.push(
      await checkPlainInput(cwd, arg, {
        validate: stages.validate,
        env,
        root: config.root,
        policyConfig,
        allowUnknownKinds: config.schemas.allowUnknownKinds,
        crds: userCrds?.resources ?? [],
        cacheDir: config.cacheDir,
        excerpts: targets.some((t) => t.format === 'text' || t.format === 'html'),
      }),
    );
  }
  // Problems of the CRD files themselves are reported once, with the first input.
  if (userCrds && userCrds.findings.length > 0 && out[0])
    out[0].diagnostics.push(...userCrds.findings.map((f) => toDiagnostic(f, out[0].file, fileLocator)));
  if (bool(p, 'verbose'))
    process.stderr.write(
      `kcfg: ${files.length} manifest input(s) checked in ${Math.round(performance.now() - started)} ms\n`,
    );
  return out;
}

function mergeFileResults(
  result: CheckResult,
  plain: readonly PlainInputResult[],
  excerpts: Map<string, LineSource>,
): CheckResult {
  const skipped = new Set(result.skippedRules);
  const environments = [...result.environments];
  const diagnostics = [...result.diagnostics];
  let suppressed = result.suppressed;
  for (const input of plain) {
    environments.push({
      name: input.file,
      dir: '',
      kubernetesVersion: input.kubernetesVersion,
      resources: input.resources,
      cached: false,
    });
    diagnostics.push(...input.diagnostics);
    for (const s of input.skippedRules) skipped.add(s);
    suppressed += input.suppressed;
    if (input.lines.size > 0) excerpts.set(input.file, input.lines);
  }
  return {
    ...result,
    environments,
    diagnostics: mergeDiagnostics(diagnostics),
    suppressed,
    skippedRules: [...skipped].sort(),
  };
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
