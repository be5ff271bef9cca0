// The example workflow cannot run here, so this test runs what it runs: every step whose command calls
// kcfg, in job order, for each matrix value, against this repository. Artifacts stay in one directory.

import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { sarifValidator } from '../report/sarif-schema.js';

const REPO = resolve(import.meta.dirname, '../..');
const WORKFLOW = join(REPO, '.github/workflows/kcfg.yml');
const tmp = mkdtempSync(join(tmpdir(), 'kcfg-gha-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

interface Step {
  name?: string;
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
}
interface Job {
  needs?: string | string[];
  if?: string;
  strategy?: { matrix?: Record<string, unknown[]> };
  permissions?: Record<string, string>;
  steps: Step[];
}

const workflow = parse(readFileSync(WORKFLOW, 'utf8')) as { jobs: Record<string, Job> };

/** `node bin/kcfg.js` runs the sources through tsx, against this repository, from the artifact directory. */
function shim(): string {
  const file = join(tmp, 'kcfg');
  const tsx = join(REPO, 'node_modules/.bin/tsx');
  const main = join(REPO, 'scripts/cli/main.ts');
  writeFileSync(
    file,
    `#!/bin/sh\ncmd="$1"; shift\nexec "${tsx}" -e "import('${main}').then((m) => m.main(process.argv.slice(1))).then((c) => process.exit(c))" "$cmd" -C "${REPO}" "$@"\n`,
  );
  chmodSync(file, 0o755);
  return file;
}

function expand(command: string, vars: Record<string, string>): string {
  return command.replace(/\$\{\{\s*([\w.]+)\s*\}\}/g, (m, key: string) => {
    if (!(key in vars)) throw new Error(`workflow uses ${m}, which this test does not provide`);
    return vars[key]!;
  });
}

describe('.github/workflows/kcfg.yml', () => {
  it('has the jobs, permissions and actions code scanning and PR comments need', () => {
    const { check, report, diff } = workflow.jobs;
    expect(check?.strategy?.matrix?.['shard']).toEqual([1, 2]);
    expect(report?.needs).toBe('check');
    expect(report?.if).toBe('always()');
    expect(report?.permissions?.['security-events']).toBe('write');
    expect(
      report?.steps.find((s) => s.uses?.startsWith('github/codeql-action/upload-sarif'))?.with?.['sarif_file'],
    ).toBe('kcfg.sarif');
    expect(diff?.permissions?.['pull-requests']).toBe('write');
    expect(diff?.steps.find((s) => s.uses === 'actions/checkout@v4')?.with?.['fetch-depth']).toBe(0);
  });

  it('its kcfg commands run and produce what the later steps consume', () => {
    const kcfg = shim();
    const summary = join(tmp, 'step-summary.md');
    writeFileSync(summary, '');
    const run = (
      job: string,
      vars: Record<string, string>,
      adapt = (s: string): string => s,
    ): { command: string; status: number | null; stdout: string; stderr: string }[] => {
      const out = [];
      for (const step of workflow.jobs[job]!.steps) {
        if (!step.run?.includes('bin/kcfg.js')) continue;
        const command = expand(adapt(step.run), vars).replace(/node bin\/kcfg\.js/g, kcfg);
        const r = spawnSync('bash', ['-eo', 'pipefail', '-c', command], {
          cwd: tmp,
          encoding: 'utf8',
          env: {
            ...process.env,
            NO_COLOR: '1',
            CI: 'true',
            GITHUB_STEP_SUMMARY: summary,
            KCFG_CACHE_DIR: join(tmp, 'cache'),
          },
        });
        out.push({ command, status: r.status, stdout: r.stdout, stderr: r.stderr });
      }
      return out;
    };

    mkdirSync(join(tmp, 'results'), { recursive: true });
    const shards = workflow.jobs['check']!.strategy!.matrix!['shard']!;
    const checked: string[] = [];
    for (const shard of shards) {
      const [step] = run('check', { 'matrix.shard': String(shard) });
      expect(step, 'the check job runs kcfg').toBeDefined();
      expect([0, 1], `${step!.command}\n${step!.stderr}`).toContain(step!.status);
      const json = JSON.parse(readFileSync(join(tmp, `results/kcfg-${shard}.json`), 'utf8')) as {
        environments: { name: string }[];
      };
      checked.push(...json.environments.map((e) => e.name));
      // Annotations go to standard output, the job summary to $GITHUB_STEP_SUMMARY.
      expect(step!.stdout).toMatch(/^kcfg check: /m);
    }
    const configured = (
      parse(readFileSync(join(REPO, 'kcfg.yaml'), 'utf8')) as { environments: { name: string }[] }
    ).environments.map((e) => e.name);
    expect(checked.sort()).toEqual([...configured].sort());
    expect(readFileSync(summary, 'utf8')).toMatch(/### kcfg check (passed|failed)/);

    const [merge] = run('report', {});
    expect([0, 1], `${merge!.command}\n${merge!.stderr}`).toContain(merge!.status);
    const sarif = JSON.parse(readFileSync(join(tmp, 'kcfg.sarif'), 'utf8'));
    expect(sarifValidator()(sarif)).toEqual([]);
    expect(sarif.runs[0].invocations[0].properties.environments.map((e: { name: string }) => e.name).sort()).toEqual(
      [...configured].sort(),
    );
    expect(readFileSync(join(tmp, 'kcfg.html'), 'utf8')).toMatch(/^<!doctype html>/);
    expect(readFileSync(join(tmp, 'kcfg-junit.xml'), 'utf8')).toMatch(/<testsuites name="kcfg check"/);

    // The pull-request diff against the base branch; this clone has no origin, so HEAD stands in for it.
    const [diff] = run('diff', {}, (s) => s.replace('origin/${{ github.base_ref }}', 'HEAD'));
    expect(diff!.status, `${diff!.command}\n${diff!.stderr}`).toBe(0);
    expect(readFileSync(join(tmp, 'kcfg-diff.md'), 'utf8')).toMatch(/^### kcfg diff/);
  }, 240_000);
});
