// `kcfg check` (the CLI's main, in this process, with the real engine) over every case of Kustomize's own
// krusty test data (KCFG_KRUSTY_CORPUS): builds never crash, and every build Kustomize must reject is reported
// as a clear error naming the environment.

import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCatalog } from '../../scripts/check/catalog.js';
import { main } from '../../scripts/cli/main.js';
import { expectNoCrash, tempCacheDir, type Run } from '../cli/helpers.js';

const CORPUS = process.env['KCFG_KRUSTY_CORPUS'];
const present = !!CORPUS && existsSync(join(CORPUS, 'cases'));

interface Case {
  name: string;
  dir: string;
  build: string;
  meta: { kubectl_flags: string[]; options: { LoadRestrictions?: string } };
}

interface Report {
  environments: { name: string; dir: string; resources: number }[];
  diagnostics: {
    code: string;
    severity: string;
    message: string;
    environments: string[];
    source?: { file: string; line: number };
  }[];
}

function cases(folder: string): Case[] {
  const root = join(CORPUS!, folder);
  return readdirSync(root)
    .sort()
    .map((name) => {
      const dir = join(root, name);
      const build = readFileSync(join(dir, '_build_dir.txt'), 'utf8').trim();
      const meta = JSON.parse(readFileSync(join(dir, '_meta.json'), 'utf8')) as Case['meta'];
      return { name, dir, build, meta };
    });
}

/** Kustomize's tests load from an in-memory file system rooted at `/`; kcfg names files relative to the case. */
function expectedTexts(dir: string): { how: 'contains' | 'equals'; text: string }[] {
  const file = join(dir, '_expected_error.txt');
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.includes('\t'))
    .map((l) => {
      const [how, ...rest] = l.split('\t');
      return { how: how as 'contains' | 'equals', text: rest.join('\t').replace(/'\//g, "'") };
    });
}

/**
 * Where kubectl's loader (a real file system, files checked before directories) words an error differently
 * from krusty's in-memory one, or kcfg catches the problem before Kustomize runs, the faithful paraphrase.
 */
const PARAPHRASES: Record<string, RegExp> = {
  accumulation__TestTargetMustHaveOnlyOneKustomizationFile:
    /found \d+ kustomization files in \.: kustomization\.yaml, kustomization\.yml, Kustomization/,
  openapicustomschema__TestCustomOpenApiFieldFileNotFound: /'mycrd_schema\.json'.*no such file or directory/,
};

/** One case at a time: the in-process runs share process.stderr and the environment. */
async function eachCase<T>(items: T[], fn: (item: T) => Promise<void>): Promise<void> {
  for (const item of items) await fn(item);
}

function parse(run: Run): Report {
  try {
    return JSON.parse(run.stdout) as Report;
  } catch {
    throw new Error(`not JSON (exit ${run.code}):\n${run.stdout.slice(0, 400)}\n${run.stderr.slice(0, 400)}`);
  }
}

const envName = (build: string): string => (build === '' ? '.' : build.replace(/\/$/, ''));

/**
 * `kcfg check` run in this process (the CLI's own `main`, the real engine): the corpus is 137 runs, and a
 * process each would spend more on starting Node than on checking. The report goes to a file, as with
 * `--output`; what the CLI writes to stderr is collected for the crash check.
 */
async function checkInProcess(c: Case, cache: string): Promise<Run> {
  const out = join(cache, `${c.name}.json`);
  const stderr: string[] = [];
  const write = process.stderr.write.bind(process.stderr);
  process.stderr.write = ((chunk: string | Uint8Array): boolean => {
    stderr.push(String(chunk));
    return true;
  }) as typeof process.stderr.write;
  const previous = process.env['KCFG_CACHE_DIR'];
  process.env['KCFG_CACHE_DIR'] = cache;
  try {
    const code = await main(['check', '--format', 'json', '--output', out, '-C', c.dir, c.build]);
    return { code, stdout: existsSync(out) ? readFileSync(out, 'utf8') : '', stderr: stderr.join(''), ms: 0 };
  } finally {
    process.stderr.write = write;
    if (previous === undefined) delete process.env['KCFG_CACHE_DIR'];
    else process.env['KCFG_CACHE_DIR'] = previous;
  }
}

describe.skipIf(!present)('krusty corpus (KCFG_KRUSTY_CORPUS)', () => {
  let cache: string;

  beforeAll(() => {
    cache = tempCacheDir();
  });

  afterAll(() => rmSync(cache, { recursive: true, force: true }));

  // Codes the corpus made kcfg emit: each must be in the catalog (`kcfg codes`), with a page.
  const emitted = new Set<string>();
  afterAll(async () => {
    const catalog = await loadCatalog();
    expect([...emitted].filter((c) => !catalog.has(c))).toEqual([]);
    expect(emitted.size).toBeGreaterThan(5);
  });

  it(
    'every build case: exit 0 or 1, no crash, and the whole expected output rendered',
    { timeout: 240_000 },
    async () => {
      const all = cases('cases');
      const problems: string[] = [];
      await eachCase(all, async (c) => {
        const run = await checkInProcess(c, cache);
        try {
          expectNoCrash(run);
          const report = parse(run);
          for (const d of report.diagnostics) emitted.add(d.code);
          // Discovery names environments by convention; the directory is the one built.
          expect(report.environments.map((e) => e.dir)).toEqual([envName(c.build)]);
          const failed = report.diagnostics.filter((d) => d.code === 'render/failed');
          if (c.meta.options.LoadRestrictions === 'LoadRestrictionsNone') {
            // The case needs files outside its root; kcfg's default RootOnly restrictor refuses, says why, and
            // exits 2: nothing in the environment was checked.
            expect(failed.map((d) => d.message).join('\n')).toMatch(/not in or below/);
            expect(run.code).toBe(2);
            return;
          }
          expect([0, 1], run.stderr).toContain(run.code);
          expect(failed, JSON.stringify(failed)).toEqual([]);
          const expected = readFileSync(join(c.dir, '_expected.yaml'), 'utf8');
          const docs = expected.split(/^---$/m).filter((d) => /^kind:/m.test(d)).length;
          // Every document is a resource, or a finding saying why it is not one (the corpus has kinds without apiVersion).
          const malformed = report.diagnostics.filter((d) => d.code === 'resource/malformed').length;
          expect(report.environments[0]!.resources + malformed).toBe(docs);
        } catch (e) {
          problems.push(`${c.name}: ${(e as Error).message.split('\n').slice(0, 6).join('\n')}`);
        }
      });
      expect(problems, problems.join('\n\n')).toEqual([]);
      expect(all.length).toBeGreaterThan(100);
    },
  );

  it(
    'every expected build error is a clear error naming the environment and the cause',
    { timeout: 120_000 },
    async () => {
      const all = cases('cases_err');
      const problems: string[] = [];
      await eachCase(all, async (c) => {
        const run = await checkInProcess(c, cache);
        try {
          expectNoCrash(run);
          expect([1, 2]).toContain(run.code);
          const name = envName(c.build);
          let text: string;
          // A usage or configuration error is one line on stderr; a render that failed is a finding in the report.
          if (run.code === 2 && !run.stdout.trim()) {
            text = run.stderr;
            expect(text).toMatch(/^kcfg: /);
          } else {
            const report = parse(run);
            for (const d of report.diagnostics) emitted.add(d.code);
            const errors = report.diagnostics.filter((d) => d.severity === 'error');
            expect(errors.length).toBeGreaterThan(0);
            const env = report.environments.find((e) => e.dir === name)?.name ?? name;
            const about = errors.filter((d) => d.environments.includes(env));
            expect(about.length, `no error lists environment ${name}`).toBeGreaterThan(0);
            for (const d of about) {
              expect(d.source, `${d.code} has no file`).toBeDefined();
              // One readable sentence: resource dumps that Kustomize appends are dropped.
              expect(d.message.length, d.message).toBeLessThan(700);
            }
            text = about.map((d) => d.message).join('\n');
          }
          const paraphrase = PARAPHRASES[c.name];
          for (const e of expectedTexts(c.dir)) {
            if (paraphrase) expect(text).toMatch(paraphrase);
            else expect(text).toContain(e.text);
          }
        } catch (e) {
          problems.push(`${c.name}: ${(e as Error).message.split('\n').slice(0, 6).join('\n')}`);
        }
      });
      expect(problems, problems.join('\n\n')).toEqual([]);
      expect(all.length).toBeGreaterThan(10);
    },
  );
});
