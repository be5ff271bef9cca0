// Every command on this repository through the real binary: exit codes, the documented JSON shape, atomic
// report files. Renders share one private cache, so only the first command pays for kubectl.

import {
  appendFileSync,
  existsSync,
  linkSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { childEnv, ensureBuilt, expectNoCrash, kcfg, REPO, tempCacheDir } from './helpers.js';

let cache: string;
let tmp: string;
let env: NodeJS.ProcessEnv;

beforeAll(() => {
  ensureBuilt();
  cache = tempCacheDir();
  tmp = mkdtempSync(join(tmpdir(), 'kcfg-commands-'));
  env = childEnv({ KCFG_CACHE_DIR: cache });
});

afterAll(() => {
  rmSync(cache, { recursive: true, force: true });
  rmSync(tmp, { recursive: true, force: true });
});

describe('kcfg check', () => {
  it('is clean on this repository: exit 0, both environments', async () => {
    const run = await kcfg(['check'], { env });
    expectNoCrash(run);
    expect(run.stdout, 'findings remain in this repository').toMatch(
      /^kcfg check: 0 errors, \d+ warnings? \(\d+ resources in 2 environments, kubectl kustomize v5\.5\.0/m,
    );
    expect(run.code).toBe(0);
  });

  it('--verbose says where the time went, stage by stage, on standard error', async () => {
    const run = await kcfg(['check', '--verbose', '--no-cache'], { env });
    expect(run.code).toBe(0);
    const m = /^kcfg: time by stage: render (\d+) ms, validate (\d+) ms, policies (\d+) ms \(total (\d+) ms\)$/m.exec(
      run.stderr,
    );
    expect(m, run.stderr).not.toBeNull();
    const [render, validate, policies, total] = m!.slice(1).map(Number) as [number, number, number, number];
    // Uncached, every stage did work; the stages are parts of the total.
    expect(validate).toBeGreaterThan(0);
    expect(policies).toBeGreaterThan(0);
    expect(render + validate + policies).toBeLessThanOrEqual(total + 2);
    expect(run.stdout).not.toContain('time by stage');
  });

  it('--format json has the documented top-level fields', async () => {
    const run = await kcfg(['check', '--format', 'json'], { env });
    expect(run.code).toBe(0);
    const doc = JSON.parse(run.stdout) as Record<string, unknown>;
    expect(Object.keys(doc)).toEqual([
      'schemaVersion',
      'tool',
      'command',
      'engine',
      'environments',
      'summary',
      'skippedRules',
      'diagnostics',
    ]);
    expect(doc).toMatchObject({
      schemaVersion: 1,
      tool: 'kcfg',
      command: 'check',
      engine: { command: 'kubectl kustomize', version: 'v5.5.0' },
      summary: { error: 0 },
    });
    expect((doc['environments'] as { name: string }[]).map((e) => e.name)).toEqual(['staging', 'production']);
    expect(doc['diagnostics']).toBeInstanceOf(Array);
  });

  it('--format json --output FILE replaces the file atomically', async () => {
    const out = join(tmp, 'report.json');
    writeFileSync(out, 'previous report\n');
    // A hard link to the old file: a write-then-rename leaves it untouched, an in-place write would not.
    linkSync(out, join(tmp, 'old-report.json'));
    const before = statSync(out).ino;
    const plain = await kcfg(['check', '--format', 'json', '--output', out], { env });
    expectNoCrash(plain);
    expect(plain.code).toBe(0);
    expect(plain.stdout).toBe('');
    expect(JSON.parse(readFileSync(out, 'utf8'))).toMatchObject({ tool: 'kcfg', command: 'check' });
    expect(statSync(out).ino).not.toBe(before);
    expect(readFileSync(join(tmp, 'old-report.json'), 'utf8')).toBe('previous report\n');
    expect(readdirSync(tmp).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('several formats: one to stdout, the others to files', async () => {
    const out = join(tmp, 'both.json');
    const run = await kcfg(['check', '--format', 'json', '--output', out, '--format', 'text'], { env });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^kcfg check: 0 errors/m);
    expect(JSON.parse(readFileSync(out, 'utf8'))).toMatchObject({ command: 'check' });
    const twice = await kcfg(['check', '--format', 'json', '--format', 'text'], { env });
    expect(twice.code).toBe(2);
    expect(twice.stderr).toContain('only one --format can go to standard output');
  });
});

describe('kcfg validate', () => {
  const golden = readFileSync(join(REPO, 'test/golden/staging.yaml'), 'utf8');
  const count = golden.split(/^---$/m).filter((d) => /^kind:/m.test(d)).length;

  it('a rendered golden file: clean, every resource counted', async () => {
    const run = await kcfg(['validate', 'test/golden/staging.yaml', '--format', 'json'], { env });
    expectNoCrash(run);
    expect(run.code).toBe(0);
    const doc = JSON.parse(run.stdout) as {
      environments: { name: string; resources: number }[];
      diagnostics: unknown[];
    };
    expect(doc.environments).toEqual([expect.objectContaining({ name: 'test/golden/staging.yaml', resources: count })]);
    expect(doc.diagnostics).toEqual([]);
  });

  it('the same file on standard input', async () => {
    const run = await kcfg(['validate', '-'], { env, input: golden });
    expectNoCrash(run);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`0 errors, 0 warnings (${count} resources in 1 environment`);
  });

  it('a broken copy on standard input: exit 1 with the <stdin> line', async () => {
    const broken = golden.replace(/^(\s+)replicas: \d+$/m, '$1replicas: "two"');
    expect(broken).not.toBe(golden);
    const run = await kcfg(['validate', '-', '--format', 'json'], { env, input: broken });
    expectNoCrash(run);
    expect(run.code).toBe(1);
    const line = broken.split('\n').findIndex((l) => l.includes('replicas: "two"')) + 1;
    const doc = JSON.parse(run.stdout) as {
      diagnostics: { severity: string; source?: { file: string; line: number } }[];
    };
    expect(doc.diagnostics.filter((d) => d.severity === 'error').map((d) => d.source)).toContainEqual(
      expect.objectContaining({ file: '<stdin>', line }),
    );
  });

  it('--format github in Actions: annotations on stdout, the job summary appended to $GITHUB_STEP_SUMMARY', async () => {
    const broken = golden.replace(/^(\s+)replicas: \d+$/m, '$1replicas: "two"');
    const summary = join(tmp, 'validate-summary.md');
    writeFileSync(summary, '# earlier step\n');
    const run = await kcfg(['validate', '-', '--format', 'github'], {
      env: { ...env, GITHUB_STEP_SUMMARY: summary },
      input: broken,
    });
    expectNoCrash(run);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^::error title=kcfg schema\/type /m);
    expect(readFileSync(summary, 'utf8')).toMatch(/^# earlier step\n[\s\S]*### kcfg validate failed/);
  });
});

describe('kcfg render', () => {
  it('prints one environment', async () => {
    const run = await kcfg(['render', 'staging'], { env });
    expectNoCrash(run);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^apiVersion: v1\nkind: Namespace\n/);
    expect(run.stdout).not.toContain('config.kubernetes.io/origin');
    expect(run.stdout).not.toMatch(/^# kcfg render:/m);
  });

  it('--out writes every environment; --check passes when fresh and fails when a file is tampered with', async () => {
    const out = join(tmp, 'rendered');
    const write = await kcfg(['render', '--out', out], { env });
    expectNoCrash(write);
    expect(write.code).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['production.yaml', 'staging.yaml']);
    const fresh = await kcfg(['render', '--out', out, '--check'], { env });
    expect(fresh.code).toBe(0);
    expect(fresh.stderr).toBe('');
    appendFileSync(join(out, 'staging.yaml'), '# edited by hand\n');
    const stale = await kcfg(['render', '--out', out, '--check'], { env });
    expectNoCrash(stale);
    expect(stale.code).toBe(1);
    expect(stale.stderr).toContain('staging.yaml is stale');
    expect(stale.stderr).not.toContain('production.yaml');
    rmSync(join(out, 'production.yaml'));
    const missing = await kcfg(['render', '--out', out, '--check'], { env });
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('production.yaml');
    expect(existsSync(join(out, 'production.yaml'))).toBe(false);
  });

  it('--check without --out is a usage error', async () => {
    const run = await kcfg(['render', '--check'], { env });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--check needs --out');
  });
});

describe('kcfg diff', () => {
  it('staging against production: exit 0, or 1 with --exit-code', async () => {
    const run = await kcfg(['diff', 'staging', 'production'], { env });
    expectNoCrash(run);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^staging → production: \d+ modified/m);
    const strict = await kcfg(['diff', 'staging', 'production', '--exit-code'], { env });
    expect(strict.code).toBe(1);
    const same = await kcfg(['diff', 'staging', 'staging', '--exit-code'], { env });
    expect(same.code).toBe(2);
  });

  it('--format json parses', async () => {
    const run = await kcfg(['diff', 'staging', 'production', '--format', 'json'], { env });
    expect(run.code).toBe(0);
    expect(() => JSON.parse(run.stdout) as unknown).not.toThrow();
  });

  it('--parity: the environments are at parity, exit 0', async () => {
    const run = await kcfg(['diff', 'staging', 'production', '--parity'], { env });
    expectNoCrash(run);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/kcfg diff --parity: 0 errors/);
  });

  it('one environment is a usage error', async () => {
    const run = await kcfg(['diff', 'staging'], { env });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('needs two environments');
  });
});

describe('the small commands', () => {
  it('policies lists every policy with a severity per environment', async () => {
    const run = await kcfg(['policies'], { env });
    expectNoCrash(run);
    expect(run.code).toBe(0);
    expect(run.stdout.split('\n')[0]).toMatch(/^policy\s+default\s+staging\s+production\s+title$/);
    expect(run.stdout).toMatch(/^run-as-non-root\s+error\s+error\s+error\s+/m);
    const json = await kcfg(['policies', '--format', 'json'], { env });
    expect((JSON.parse(json.stdout) as unknown[]).length).toBe(run.stdout.trim().split('\n').length - 1);
  });

  it('version prints the package version', async () => {
    const pkg = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as { version: string };
    for (const args of [['version'], ['--version']]) {
      const run = await kcfg(args, { env });
      expect(run.code).toBe(0);
      expect(run.stdout).toBe(`kcfg ${pkg.version}\n`);
    }
  });

  it('help prints usage with exit 0; no command prints it with exit 2', async () => {
    const help = await kcfg(['help'], { env });
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^Usage:$/m);
    expect(help.stdout).toContain('Exit codes: 0 clean');
    const none = await kcfg([], { env });
    expect(none.code).toBe(2);
    expect(none.stdout).toBe(help.stdout);
  });
});
