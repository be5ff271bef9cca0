// CLI conventions a new user relies on: per-command help, `kcfg init`, and a clear exit 2 where there is
// nothing to check.

import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { childEnv, ensureBuilt, kcfg } from '../cli/helpers.js';
import { CONFIGMAP_GOOD, kustomizeTree, tempDir, write } from './consumer.js';

describe('CLI conventions', () => {
  const dirs: string[] = [];
  let env: NodeJS.ProcessEnv;
  beforeAll(() => {
    ensureBuilt();
    const cache = tempDir('conv-cache');
    dirs.push(cache);
    env = childEnv({ XDG_CACHE_HOME: cache });
  });
  afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

  it('every command prints its own help for --help and -h, exit 0, without running', async () => {
    for (const command of ['check', 'policy', 'render', 'validate', 'policies', 'diff', 'merge', 'init', 'version']) {
      for (const flag of ['--help', '-h']) {
        const r = await kcfg([command, flag], { cwd: '/', env });
        expect(r.code, `${command} ${flag}: ${r.stderr}`).toBe(0);
        expect(r.stdout.startsWith(`kcfg ${command}`), `${command} ${flag}`).toBe(true);
        expect(r.stderr).toBe('');
      }
    }
  });

  it('kcfg init writes the discovered environments and refuses to overwrite without --force', async () => {
    const root = tempDir('init');
    dirs.push(root);
    kustomizeTree(root, CONFIGMAP_GOOD);
    const first = await kcfg(['init'], { cwd: root, env });
    expect(first.code, first.stderr).toBe(0);
    const text = readFileSync(join(root, 'kcfg.yaml'), 'utf8');
    expect(text).toMatch(/- name: production\n {4}path: deploy\/overlays\/production\n/);
    expect(text).toMatch(/- name: staging\n {4}path: deploy\/overlays\/staging\n/);
    expect(text).not.toMatch(/components/);
    expect(text).toMatch(/version: v\d+\.\d+\.\d+/);
    const again = await kcfg(['init'], { cwd: root, env });
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/already exists[\s\S]*--force/);
    write(root, { 'deploy/overlays/qa/kustomization.yaml': 'namespace: qa\nresources:\n  - ../../base\n' });
    const forced = await kcfg(['init', '--force'], { cwd: root, env });
    expect(forced.code, forced.stderr).toBe(0);
    expect(forced.stdout).toMatch(/3 environments: production, qa, staging/);
    // The file it wrote is a valid configuration: the check it configures runs clean.
    const check = await kcfg(['check'], { cwd: join(root, 'deploy/overlays'), env });
    expect(check.code, check.stdout + check.stderr).toBe(0);
  });

  it('a tree with no kustomization exits 2 with one clear message', async () => {
    const root = tempDir('empty');
    dirs.push(root);
    write(root, { 'README.md': '# nothing here\n' });
    for (const command of ['check', 'render', 'init']) {
      const r = await kcfg([command], { cwd: root, env });
      expect(r.code, command).toBe(2);
      expect(r.stderr).toMatch(/^kcfg: no kustomization found in /);
    }
  });
});
