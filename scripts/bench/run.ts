// `npm run bench`: the performance figures the issues name, as medians over several whole-process runs.
// Not a test: it prints numbers and the targets beside them; these machines are noisy, so read medians.

import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildCorpus } from './corpus.js';
import { fmtMs, median, runProcess } from './stats.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const KCFG = join(ROOT, 'bin/kcfg.js');
const RUNS = Number(process.env['KCFG_BENCH_RUNS'] ?? 7);

interface Row {
  name: string;
  value: string;
  target: string;
}

const rows: Row[] = [];
let corpusSource: string | undefined;
function row(name: string, value: string, target: string): void {
  rows.push({ name, value, target });
  process.stderr.write(`  ${name}: ${value} (target ${target})\n`);
}

function kcfg(args: string[], cacheDir: string): ReturnType<typeof runProcess> {
  return runProcess(process.execPath, [KCFG, ...args], {
    cwd: ROOT,
    env: { ...process.env, KCFG_CACHE_DIR: cacheDir, NO_COLOR: '1' },
  });
}

function medianOf(
  n: number,
  before: () => void,
  run: () => ReturnType<typeof runProcess>,
): { ms: number; rssMb: number } {
  const times: number[] = [];
  let rss = 0;
  for (let i = 0; i < n; i++) {
    before();
    const r = run();
    if (r.status !== 0 && r.status !== 1) throw new Error(`benchmark command failed with exit ${r.status}`);
    times.push(r.ms);
    rss = Math.max(rss, r.rssMb ?? 0);
  }
  return { ms: median(times), rssMb: rss };
}

/** Whole-process medians: wall and CPU time, and the largest peak RSS of the runs. */
function medianRuns(n: number, before: () => void, run: () => ReturnType<typeof runProcess>) {
  const runs: ReturnType<typeof runProcess>[] = [];
  for (let i = 0; i < n; i++) {
    before();
    const r = run();
    if (r.status !== 0 && r.status !== 1)
      throw new Error(`benchmark command failed with exit ${r.status}: ${r.stderr}`);
    runs.push(r);
  }
  return {
    ms: median(runs.map((r) => r.ms)),
    cpuMs: median(runs.map((r) => r.cpuMs ?? NaN)),
    rssMb: Math.max(...runs.map((r) => r.rssMb ?? 0)),
  };
}

async function benchValidate(tmp: string): Promise<void> {
  const cache = join(tmp, 'validate-cache');
  // How cost grows with the input: the same kind of documents (about a third with findings) at three sizes.
  const sizes = [1_000, 10_000, 50_000];
  const rss: Record<number, number> = {};
  for (const size of sizes) {
    const corpus = buildCorpus(ROOT, size);
    const file = join(tmp, `corpus-${size}.yaml`);
    writeFileSync(file, corpus.text);
    kcfg(['validate', file], cache); // the schema cache is warm for every measured run
    for (const format of ['text', 'json']) {
      const r = medianRuns(
        RUNS,
        () => undefined,
        () => kcfg(['validate', file, '--format', format], cache),
      );
      rss[size] = Math.max(rss[size] ?? 0, r.rssMb);
      row(
        `validate ${size / 1000}k, ${format}`,
        `${fmtMs(r.ms)} wall, ${fmtMs(r.cpuMs)} CPU, ${Math.round(size / (r.ms / 1000))} res/s, ${r.rssMb.toFixed(0)} MB`,
        size === 10_000 ? '≤ 0.8 s, ≤ 100 MB' : size === 50_000 ? '≤ 3 s, ≤ 130 MB' : '',
      );
    }
  }
  row(
    'validate peak RSS growth, 1k → 50k',
    `${((rss[50_000] - rss[1_000]) / 49).toFixed(2)} MiB per 1,000 documents`,
    '(the input is streamed; what grows is the findings)',
  );
  const corpus = buildCorpus(ROOT);
  const file = join(tmp, 'corpus-10k.yaml');
  writeFileSync(file, corpus.text);
  process.stderr.write(`validate: ${corpus.documents} documents from ${corpus.source}\n`);
  corpusSource = `${corpus.documents} documents (${(corpus.text.length / 1e6).toFixed(1)} MB) from ${corpus.source}`;
  const cold = medianOf(
    3,
    () => rmSync(cache, { recursive: true, force: true }),
    () => kcfg(['validate', file, '--format', 'json'], cache),
  );
  row(
    'validate 10k, cold schema cache',
    `${fmtMs(cold.ms)} = ${Math.round(corpus.documents / (cold.ms / 1000))} resources/s`,
    '(first run after install)',
  );

  const { parseStream } = await import('../resources/parse.js');
  const { buildResources } = await import('../resources/build.js');
  const { runPolicies, loadPolicyConfig } = await import('../policy/index.js');
  const built = buildResources(parseStream(corpus.text, 'corpus.yaml').documents, 'bench');
  const { POLICY_LIST } = await import('../../policies/index.js');
  const config = loadPolicyConfig(ROOT, { registry: POLICY_LIST });
  const env = { name: 'bench', dir: '.', kubernetesVersion: '1.32' };
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    runPolicies({ env, resources: built.resources, config, root: ROOT });
    times.push(performance.now() - t);
  }
  const ms = median(times);
  row(
    'policies over the 10k corpus',
    `${fmtMs(ms)} = ${Math.round(built.resources.length / (ms / 1000))} resources/s`,
    '≥ 20,000 resources/s',
  );
}

function benchCheck(tmp: string): void {
  const cache = join(tmp, 'check-cache');
  const renderCache = join(cache, 'render');
  const checkCache = join(cache, 'check');
  const coldResults = (): void => rmSync(checkCache, { recursive: true, force: true });
  const cold = medianOf(
    RUNS,
    () => rmSync(cache, { recursive: true, force: true }),
    () => kcfg(['check'], cache),
  );
  kcfg(['check'], cache);
  const coldRender = medianOf(
    RUNS,
    () => {
      rmSync(renderCache, { recursive: true, force: true });
      coldResults();
    },
    () => kcfg(['check'], cache),
  );
  kcfg(['check'], cache);
  const warm = medianOf(
    RUNS,
    () => undefined,
    () => kcfg(['check'], cache),
  );
  // Policy share: renders warm, check results recomputed. The policy stage's own time (module loading
  // included) comes from `check --verbose`; the rest of the process is what check costs without it.
  const stages: { wall: number; policies: number }[] = [];
  for (let i = 0; i < RUNS; i++) {
    coldResults();
    const r = kcfg(['check', '--verbose'], cache);
    const m = /policies (\d+) ms/.exec(r.stderr);
    if (!m) throw new Error(`check --verbose printed no stage timings:\n${r.stderr}`);
    stages.push({ wall: r.ms, policies: Number(m[1]) });
  }
  const policyMs = median(stages.map((s) => s.policies));
  const withoutPolicies = median(stages.map((s) => s.wall - s.policies));
  const noPolicies = medianOf(RUNS, coldResults, () => kcfg(['validate'], cache));
  row('check this repo, cold render cache', fmtMs(coldRender.ms), '≤ 0.7 s');
  row('check this repo, warm render cache', fmtMs(warm.ms), '≤ 0.3 s');
  row('check this repo, every cache empty', fmtMs(cold.ms), '(first run after clone)');
  row(
    'policy share of check (results uncached)',
    `${fmtMs(policyMs)} (${((policyMs / withoutPolicies) * 100).toFixed(0)}% over the rest of check)`,
    '≤ 20%',
  );
  row(
    'check vs validate (results uncached)',
    `${fmtMs(median(stages.map((s) => s.wall)))} vs ${fmtMs(noPolicies.ms)}`,
    '(whole processes)',
  );
}

async function benchDiffs(tmp: string): Promise<void> {
  const { benchDiff } = await import('../diff/bench.js');
  const d = await benchDiff(RUNS);
  row('diff of two 1,000-resource environments', fmtMs(d.medianMs), '≤ 300 ms');
  // A pull request's view: a clone with an uncommitted change to a base file, so every environment renders
  // on both sides (the ref and the working tree), each run with an empty cache.
  const clone = join(tmp, 'ref-clone');
  const git = (...args: string[]): void => {
    const r = spawnSync('git', args, { cwd: ROOT, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`git ${args.join(' ')}: ${r.stderr}`);
  };
  git('clone', '-q', '--local', '--no-hardlinks', ROOT, clone);
  const file = join(clone, 'base/deployment-api.yaml');
  const text = readFileSync(file, 'utf8');
  const changed = text.replace(/memory: 256Mi/, 'memory: 384Mi');
  if (changed === text) throw new Error('bench: base/deployment-api.yaml has no memory: 256Mi to change');
  writeFileSync(file, changed);
  let environments = 0;
  const ref = medianOf(
    Math.min(RUNS, 5),
    () => rmSync(join(tmp, 'ref-cache'), { recursive: true, force: true }),
    () => {
      const r = runProcess(process.execPath, [KCFG, 'diff', '--base', 'HEAD', '--format', 'json', '-C', clone], {
        env: { ...process.env, KCFG_CACHE_DIR: join(tmp, 'ref-cache'), NO_COLOR: '1' },
      });
      const sections = (JSON.parse(r.stdout) as { sections: { status: string }[] }).sections;
      environments = sections.filter((x) => x.status !== 'unchanged').length;
      return r;
    },
  );
  row(
    `diff --base HEAD after a base edit (${environments} envs changed, both sides rendered)`,
    fmtMs(ref.ms),
    '≤ 1.5 s',
  );
}

/**
 * The shipped pre-commit hook on this repository after a one-file change, start-up included: pre-commit itself
 * (installed from a snapshot of this checkout with `language: node`, set up once, not timed), then the hook.
 */
function benchPreCommit(tmp: string): void {
  if (spawnSync('pre-commit', ['--version']).status !== 0) {
    row('pre-commit hook after a one-file change', 'not measured (pre-commit missing)', '≤ 1.5 s');
    return;
  }
  const sh = (cwd: string, cmd: string, ...args: string[]): string => {
    const r = spawnSync(cmd, args, { cwd, encoding: 'utf8', env: hookEnv, maxBuffer: 1 << 26 });
    if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')}: ${r.stderr || r.stdout}`);
    return r.stdout;
  };
  const hookEnv = {
    ...process.env,
    PRE_COMMIT_HOME: join(tmp, 'pre-commit-home'),
    XDG_CACHE_HOME: join(tmp, 'xdg'),
    NO_COLOR: '1',
  };
  const ident = ['-c', 'user.email=bench@example.com', '-c', 'user.name=bench'];
  const hook = join(tmp, 'hook-repo');
  const files = sh(ROOT, 'git', 'ls-files', '-z', '--cached', '--others', '--exclude-standard')
    .split('\0')
    .filter(Boolean);
  for (const f of files) if (existsSync(join(ROOT, f))) cpSync(join(ROOT, f), join(hook, f));
  sh(hook, 'git', 'init', '-q');
  sh(hook, 'git', 'add', '-A');
  sh(hook, 'git', ...ident, 'commit', '-q', '-m', 'snapshot');
  const sha = sh(hook, 'git', 'rev-parse', 'HEAD').trim();
  const repo = join(tmp, 'hook-consumer');
  sh(ROOT, 'git', 'clone', '-q', '--local', '--no-hardlinks', ROOT, repo);
  writeFileSync(
    join(repo, '.pre-commit-config.yaml'),
    `repos:\n  - repo: ${hook}\n    rev: ${sha}\n    hooks:\n      - id: kcfg-check\n`,
  );
  sh(repo, 'pre-commit', 'install-hooks');
  const file = 'base/deployment-api.yaml';
  const original = readFileSync(join(repo, file), 'utf8');
  let n = 0;
  const timed = medianOf(
    RUNS,
    // Each run sees a new edit (a render that misses the cache), as a commit would.
    () => writeFileSync(join(repo, file), original.replace(/memory: 256Mi/, `memory: ${257 + n++}Mi`)),
    () => runProcess('pre-commit', ['run', 'kcfg-check', '--files', file], { cwd: repo, env: hookEnv }),
  );
  row('pre-commit hook after a one-file change (pre-commit start-up included)', fmtMs(timed.ms), '≤ 1.5 s');
}

async function benchLarge(): Promise<void> {
  let mod: typeof import('./large-repo.js');
  try {
    mod = await import('./large-repo.js');
  } catch {
    row('200-overlay repository', 'not measured (generator missing)', '≤ 1.0 s for --changed');
    return;
  }
  const r = await mod.benchLargeRepo();
  row('200 overlays: check --changed after a one-file change', fmtMs(r.changedMedianMs), '≤ 1.0 s');
  row('200 overlays: full check, cold render cache', fmtMs(r.fullColdMs), '(bounded pool)');
  row('200 overlays: full check, warm render cache', fmtMs(r.fullWarmMs), '');
  const wide = mod.benchWideOverlay(RUNS);
  row(`one overlay of ${wide.resources} resources: check, warm renders`, fmtMs(wide.warmMs), '≤ 2 s');
  row(`one overlay of ${wide.resources} resources: check, cold`, fmtMs(wide.coldMs), '(renders included)');
}

async function main(): Promise<void> {
  const only = process.argv.slice(2);
  const want = (name: string): boolean => only.length === 0 || only.includes(name);
  const tmp = mkdtempSync(join(tmpdir(), 'kcfg-bench-'));
  try {
    if (want('validate')) await benchValidate(tmp);
    if (want('check')) benchCheck(tmp);
    if (want('diff')) await benchDiffs(tmp);
    if (want('large')) await benchLarge();
    if (want('pre-commit')) benchPreCommit(tmp);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  const w = Math.max(...rows.map((r) => r.name.length));
  process.stdout.write(`\nkcfg bench (median of ${RUNS} runs unless noted; ${new Date().toISOString()})\n`);
  if (corpusSource) process.stdout.write(`10k corpus: ${corpusSource}\n`);
  for (const r of rows) process.stdout.write(`${r.name.padEnd(w)}  ${r.value.padEnd(34)}  ${r.target}\n`);
}

main().catch((e: unknown) => {
  process.stderr.write(`bench failed: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exitCode = 1;
});
