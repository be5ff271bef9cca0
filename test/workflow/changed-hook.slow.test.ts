// --changed on a real temporary git repository, and the pre-commit hook exercised through `git commit`.

import { spawnSync } from 'node:child_process';
import { appendFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateLargeRepo, git } from '../../scripts/bench/large-repo.js';
import { main } from '../../scripts/cli/main.js';
import { loadConfig } from '../../scripts/config/index.js';
import { UsageError } from '../../scripts/core/errors.js';
import { affectedEnvironments, changedFiles } from '../../scripts/workflow/changed.js';
import { installHook } from '../../scripts/workflow/install-hook.js';

const REPO = resolve(import.meta.dirname, '../..');
const tmp = mkdtempSync(join(tmpdir(), 'kcfg-changed-'));
const root = join(tmp, 'repo');
const env = { ...process.env, KCFG_CACHE_DIR: join(tmp, 'cache'), NO_COLOR: '1', CI: 'true' };
delete (env as Record<string, string | undefined>)['GITHUB_STEP_SUMMARY'];

// o-000 and o-002 share bases/svc-0; o-001 uses bases/svc-1.
beforeAll(() => {
  generateLargeRepo(root, { overlays: 3, bases: 2, git: true });
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const edit = (rel: string, from: RegExp, to: string): void =>
  writeFileSync(join(root, rel), readFileSync(join(root, rel), 'utf8').replace(from, to));
const affected = (files: string[]): string[] =>
  affectedEnvironments(loadConfig(root), loadConfig(root).environments, files).environments.map((e) => e.name);

describe('changed files → affected environments', () => {
  it('staged, working tree and untracked files are told apart', () => {
    edit('overlays/o-001/kustomization.yaml', /ENVIRONMENT=o-001/, 'ENVIRONMENT=o-001-a');
    git(root, ['add', 'overlays/o-001/kustomization.yaml']);
    edit('overlays/o-002/kustomization.yaml', /ENVIRONMENT=o-002/, 'ENVIRONMENT=o-002-b');
    writeFileSync(join(root, 'overlays/o-000/notes.txt'), 'not read by the build\n');
    expect(changedFiles(root, { staged: true })).toEqual(['overlays/o-001/kustomization.yaml']);
    expect(changedFiles(root)).toEqual([
      'overlays/o-000/notes.txt',
      'overlays/o-001/kustomization.yaml',
      'overlays/o-002/kustomization.yaml',
    ]);
    expect(affected(changedFiles(root))).toEqual(['o-001', 'o-002']);
    git(root, ['checkout', '-q', '--', 'overlays/o-002']);
    git(root, ['reset', '-q', 'HEAD', '--', 'overlays/o-001']);
    git(root, ['checkout', '-q', '--', 'overlays/o-001']);
    rmSync(join(root, 'overlays/o-000/notes.txt'));
    expect(changedFiles(root)).toEqual([]);
  });

  it('a shared base affects every overlay built on it; configuration affects all', () => {
    expect(affected(['bases/svc-0/deployment.yaml'])).toEqual(['o-000', 'o-002']);
    expect(affected(['bases/platform/networkpolicy-default-deny.yaml'])).toEqual(['o-000', 'o-001', 'o-002']);
    expect(affected(['README.md'])).toEqual([]);
    const config = loadConfig(root);
    expect(affectedEnvironments(config, config.environments, ['kcfg.yaml']).allBecause).toBe('kcfg.yaml changed');
    expect(affected(['policies/config.yaml'])).toEqual(['o-000', 'o-001', 'o-002']);
  });

  it('--base REF compares with the merge base, so commits on the base branch do not count', () => {
    git(root, ['checkout', '-q', '-b', 'feature']);
    edit('bases/svc-1/deployment.yaml', /cpu: 100m/, 'cpu: 150m');
    git(root, ['commit', '-q', '-am', 'raise cpu']);
    git(root, ['checkout', '-q', 'main']);
    edit('overlays/o-000/kustomization.yaml', /ENVIRONMENT=o-000/, 'ENVIRONMENT=o-000-main');
    git(root, ['commit', '-q', '-am', 'on main']);
    git(root, ['checkout', '-q', 'feature']);
    expect(changedFiles(root, { base: 'main' })).toEqual(['bases/svc-1/deployment.yaml']);
    expect(affected(changedFiles(root, { base: 'main' }))).toEqual(['o-001']);
    expect(() => changedFiles(root, { base: 'no-such-ref' })).toThrow(UsageError);
    git(root, ['checkout', '-q', 'main']);
  });

  it('outside a git repository --changed is a usage error', () => {
    const plain = join(tmp, 'plain');
    generateLargeRepo(plain, { overlays: 1, bases: 1 });
    expect(() => changedFiles(plain)).toThrow(/needs a git repository/);
  });
});

describe('kcfg check --changed --staged', () => {
  it('checks only the environment the staged file affects', async () => {
    edit('overlays/o-002/kustomization.yaml', /ENVIRONMENT=o-002/, 'ENVIRONMENT=o-002-c');
    git(root, ['add', 'overlays/o-002/kustomization.yaml']);
    const out = join(tmp, 'changed.json');
    const saved = process.env['KCFG_CACHE_DIR'];
    process.env['KCFG_CACHE_DIR'] = env.KCFG_CACHE_DIR;
    try {
      expect(
        await main(['check', '-C', root, '--changed', '--staged', '--quiet', '--format', 'json', '--output', out]),
      ).toBe(0);
    } finally {
      if (saved === undefined) delete process.env['KCFG_CACHE_DIR'];
      else process.env['KCFG_CACHE_DIR'] = saved;
    }
    const report = JSON.parse(readFileSync(out, 'utf8')) as {
      environments: { name: string }[];
      diagnostics: unknown[];
    };
    expect(report.environments.map((e) => e.name)).toEqual(['o-002']);
    git(root, ['reset', '-q', 'HEAD', '--', 'overlays/o-002']);
    git(root, ['checkout', '-q', '--', 'overlays/o-002']);
  });
});

describe('pre-commit hook', () => {
  const command = `exec "${join(REPO, 'node_modules/.bin/tsx')}" -e "import('${join(REPO, 'scripts/cli/main.ts')}').then((m) => m.main(process.argv.slice(1))).then((c) => process.exit(c))"`;
  const commit = (msg: string): { status: number | null; output: string } => {
    const r = spawnSync('git', ['-c', 'user.email=t@example.invalid', '-c', 'user.name=t', 'commit', '-q', '-m', msg], {
      cwd: root,
      env,
      encoding: 'utf8',
    });
    return { status: r.status, output: r.stdout + r.stderr };
  };

  it('refuses to replace a hook it did not write, unless forced', () => {
    const hooks = join(root, '.git/hooks');
    writeFileSync(join(hooks, 'pre-commit'), '#!/bin/sh\necho mine\n');
    expect(() => installHook(root, { command })).toThrow(/was not written by kcfg/);
    const file = installHook(root, { command, force: true });
    expect(readFileSync(file, 'utf8')).toContain('check --changed --staged');
    // Reinstalling over its own hook needs no force.
    expect(installHook(root, { command })).toBe(file);
  });

  it('blocks a commit that breaks the staged environment, and checks nothing else', () => {
    edit('overlays/o-001/kustomization.yaml', /newTag: 1\.1\.1/, 'newTag: latest');
    git(root, ['add', 'overlays/o-001/kustomization.yaml']);
    const r = commit('use latest');
    expect(r.status).not.toBe(0);
    expect(r.output).toMatch(/policy\/image-tag \[o-001\]/);
    expect(r.output).toMatch(/in 1 environment\b/);
    expect(r.output).not.toMatch(/o-000|o-002/);
  }, 60_000);

  it('lets a clean change through after checking only its environment', () => {
    edit('overlays/o-001/kustomization.yaml', /newTag: latest/, 'newTag: 1.1.2');
    git(root, ['add', 'overlays/o-001/kustomization.yaml']);
    const r = commit('bump o-001');
    expect(r.output).toMatch(/kcfg check: 0 errors, 0 warnings \(8 resources in 1 environment/);
    expect(r.status).toBe(0);
    expect(git(root, ['log', '-1', '--format=%s'])).toBe('bump o-001\n');
  }, 60_000);

  it('a commit that touches no environment passes without rendering', () => {
    appendFileSync(join(root, '.gitignore'), '*.log\n');
    git(root, ['add', '.gitignore']);
    const r = commit('ignore logs');
    expect(r.status).toBe(0);
    expect(r.output).toMatch(/0 of 3 environments read the 1 staged file; nothing to check/);
  }, 60_000);
});

describe('batches, progress and --diff on the same repository', () => {
  it('checking in batches gives the same result as one run, with progress between batches', async () => {
    const { runCheckInBatches } = await import('../../scripts/workflow/batches.js');
    const config = loadConfig(root);
    const updates: string[] = [];
    const progress = {
      update: (done: number, total: number) => void updates.push(`${done}/${total}`),
      done: () => void updates.push('done'),
    };
    const one = await runCheckInBatches(
      'check',
      { ...config, cacheDir: env.KCFG_CACHE_DIR },
      config.environments,
      { validate: true, policies: true },
      { cache: true },
    );
    const batched = await runCheckInBatches(
      'check',
      { ...config, cacheDir: env.KCFG_CACHE_DIR },
      config.environments,
      { validate: true, policies: true },
      { cache: true, batchSize: 1, progress },
    );
    expect(updates).toEqual(['0/3', '1/3', '2/3', 'done']);
    expect(batched.result.environments.map((e) => [e.name, e.resources])).toEqual(
      one.result.environments.map((e) => [e.name, e.resources]),
    );
    expect(batched.result.diagnostics).toEqual(one.result.diagnostics);
    expect(batched.result.environments[0]!.resourceIds).toHaveLength(8);
  }, 60_000);

  it('--diff A,B puts that environment diff in the HTML report', async () => {
    const out = join(tmp, 'report.html');
    const saved = process.env['KCFG_CACHE_DIR'];
    process.env['KCFG_CACHE_DIR'] = env.KCFG_CACHE_DIR;
    try {
      expect(
        await main([
          'check',
          '-C',
          root,
          'o-000',
          '--diff',
          'o-000,o-001',
          '--quiet',
          '--format',
          'html',
          '--output',
          out,
        ]),
      ).toBe(0);
      await expect(main(['check', '-C', root, '--diff', 'o-000', '--format', 'html', '--output', out])).resolves.toBe(
        2,
      );
    } finally {
      if (saved === undefined) delete process.env['KCFG_CACHE_DIR'];
      else process.env['KCFG_CACHE_DIR'] = saved;
    }
    const html = readFileSync(out, 'utf8');
    expect(html).toContain('<h3>o-000 → o-001');
    expect(html).toContain('<th>Field</th><th>o-000</th><th>o-001</th>');
  }, 60_000);
});
