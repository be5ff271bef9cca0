// The shipped pre-commit hook, driven by the real `pre-commit` (3.0 or later) in a consumer repository that is
// not a Node project: pre-commit installs kcfg itself from a git revision of this project (`language: node`).

import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt } from '../cli/helpers.js';
import {
  CONFIGMAP_BAD,
  CONFIGMAP_GOOD,
  git,
  kustomizeTree,
  readmeAdoptionBlocks,
  run,
  snapshotRepository,
  tempDir,
  untracked,
  write,
} from './consumer.js';

const preCommit = run('pre-commit', ['--version'], process.cwd());
const present = preCommit.status === 0;

// In CI the package must be there (.ci/run installs it): a missing one fails rather than skipping in silence.
describe.skipIf(!present && !process.env['CI'])(
  `pre-commit hook (${preCommit.stdout?.trim() ?? 'pre-commit missing'})`,
  { timeout: 600_000 },
  () => {
    let hook: { dir: string; sha: string };
    let repo: string;
    let home: string;
    let cache: string;
    const env = (): NodeJS.ProcessEnv => ({ PRE_COMMIT_HOME: home, XDG_CACHE_HOME: cache });
    const commit = (message: string) =>
      run('git', ['-c', 'user.email=t@example.com', '-c', 'user.name=t', 'commit', '-m', message], repo, env());

    beforeAll(() => {
      ensureBuilt();
      hook = snapshotRepository();
      repo = tempDir('hook-consumer');
      home = tempDir('pre-commit-home');
      cache = tempDir('xdg');
      git(repo, 'init', '-q');
      // The README's configuration, pointed at a snapshot of this checkout.
      const config = readmeAdoptionBlocks().yaml.find((b) => b.includes('kcfg-check'))!;
      write(repo, {
        '.pre-commit-config.yaml': config
          .replace(/repo: \S+/, `repo: ${hook.dir}`)
          .replace(/rev: \S+/, `rev: ${hook.sha}`),
      });
      kustomizeTree(repo, CONFIGMAP_GOOD);
      git(repo, 'add', '-A');
      git(repo, 'commit', '-q', '-m', 'start');
      const installed = run('pre-commit', ['install'], repo, env());
      expect(installed.status, installed.stderr).toBe(0);
      // Installing the hook environment (npm install, build, pack) once, outside the commits measured below.
      const setup = run('pre-commit', ['install-hooks'], repo, env());
      expect(setup.status, setup.stdout + setup.stderr).toBe(0);
    });

    afterAll(() => {
      for (const d of [hook.dir, repo, home, cache]) rmSync(d, { recursive: true, force: true });
    });

    it('blocks a commit that breaks an environment, naming the line to edit', () => {
      write(repo, { 'deploy/base/configmap.yaml': CONFIGMAP_BAD });
      git(repo, 'add', 'deploy/base/configmap.yaml');
      const r = commit('break it');
      expect(r.status, r.stdout + r.stderr).not.toBe(0);
      // git shows a hook's output on standard error.
      expect(r.stdout + r.stderr).toMatch(/deploy\/base\/configmap\.yaml\n\s+6:3\s+error .*schema\/type/);
      expect(git(repo, 'log', '--format=%s').stdout.split('\n')[0]).toBe('start');
    });

    it('lets the fix through', () => {
      write(repo, { 'deploy/base/configmap.yaml': CONFIGMAP_GOOD.replace('"3"', '"4"') });
      git(repo, 'add', 'deploy/base/configmap.yaml');
      const r = commit('fix it');
      expect(r.status, r.stdout + r.stderr).toBe(0);
      expect(r.stdout + r.stderr).toMatch(/kcfg check\.+Passed/);
    });

    it('--files checks the environments that read the file; a file no environment reads checks none', () => {
      const one = run(
        'pre-commit',
        ['run', 'kcfg-check', '--verbose', '--files', 'deploy/overlays/staging/kustomization.yaml'],
        repo,
        env(),
      );
      expect(one.status, one.stdout).toBe(0);
      expect(one.stdout).toMatch(/1 resource in 1 environment/);
      const none = run('pre-commit', ['run', 'kcfg-check', '--verbose', '--files', 'README.md'], repo, env());
      expect(none.status, none.stdout).toBe(0);
      expect(none.stdout).toMatch(/0 of 2 environments read the 1 given file/);
    });

    it('--all-files fails on a violating HEAD committed past the hook', () => {
      write(repo, { 'deploy/base/configmap.yaml': CONFIGMAP_BAD });
      git(repo, 'add', '-A');
      git(repo, 'commit', '-q', '--no-verify', '-m', 'skip the hook');
      const r = run('pre-commit', ['run', '--all-files'], repo, env());
      expect(r.status, r.stdout).toBe(1);
      // One defect of the shared base: one finding listing both environments (each renames the ConfigMap).
      expect(r.stdout).toMatch(/schema\/type \[(production, staging|staging, production)\]/);
      expect(untracked(repo)).toEqual([]);
    });
  },
);
