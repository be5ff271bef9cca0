// Exit codes that never lie, and errors that say where: a render that failed means nothing was compared or
// checked (exit 2, with the file and line), malformed objects and deep nesting are findings at their file,
// control characters never reach the terminal raw, and a wrong engine names its kcfg.yaml line.

import { existsSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { childEnv, ensureBuilt, expectNoCrash, kcfg } from '../cli/helpers.js';
import { CONFIGMAP_GOOD, kustomizeTree, tempDir, write } from '../adoption/consumer.js';

describe('exit codes and locations', () => {
  const dirs: string[] = [];
  let root: string;
  let env: NodeJS.ProcessEnv;
  beforeAll(() => {
    ensureBuilt();
    root = tempDir('exit');
    const xdg = tempDir('exit-xdg');
    dirs.push(root, xdg);
    env = childEnv({ XDG_CACHE_HOME: xdg });
    kustomizeTree(root, CONFIGMAP_GOOD);
    write(root, {
      'broken/kustomization.yaml': 'namespace: x\nresources:\n  - missing.yaml\n',
      'malformed/kustomization.yaml': 'namespace: x\nresources:\n  - objects.yaml\n',
      // Kustomize passes an object without apiVersion through; the API server would refuse it.
      'malformed/objects.yaml':
        'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: fine\n---\nkind: ConfigMap\nmetadata:\n  name: no-api-version\n',
      'deep/kustomization.yaml': 'namespace: x\nresources:\n  - deep.yaml\n',
      'deep/deep.yaml': `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: deep\nextra: ${'{a: '.repeat(2000)}1${'}'.repeat(2000)}\n`,
      'escape/kustomization.yaml': 'namespace: x\nresources:\n  - cm.yaml\n',
      'escape/cm.yaml':
        'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: esc\ndata:\n  retries: 3 # \u001b]0;pwned\u0007\u001b[2J\n',
    });
  });
  afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

  it('diff with an environment that does not render: exit 2 and the cause, never "no differences"', async () => {
    for (const extra of [[], ['--exit-code'], ['--parity']]) {
      const r = await kcfg(['diff', 'deploy/overlays/staging', 'broken', ...extra], { cwd: root, env });
      expectNoCrash(r);
      expect(r.code, extra.join(' ')).toBe(2);
      expect(r.stdout).not.toMatch(/no differences/);
      expect(r.stderr).toMatch(
        /^kcfg: broken\/kustomization\.yaml:3:\d+: broken does not render, so nothing was compared/,
      );
    }
  });

  it('check and render with an environment that does not render exit 2', async () => {
    const check = await kcfg(['check', 'broken', 'deploy/overlays/staging'], { cwd: root, env });
    expect(check.code).toBe(2);
    const render = await kcfg(['render', 'broken'], { cwd: root, env });
    expect(render.code).toBe(2);
    expect(render.stdout).toBe('');
  });

  it('objects that are not Kubernetes objects: their file and line, exit 2 for render, and no file half-written', async () => {
    const check = await kcfg(['check', 'malformed', '--format', 'json'], { cwd: root, env });
    expect(check.code).toBe(1);
    const found = (
      JSON.parse(check.stdout) as { diagnostics: { code: string; source?: { file: string; line: number } }[] }
    ).diagnostics.filter((d) => d.code === 'resource/malformed');
    expect(found).toEqual([
      expect.objectContaining({ source: expect.objectContaining({ file: 'malformed/objects.yaml', line: 6 }) }),
    ]);
    const render = await kcfg(['render', 'malformed'], { cwd: root, env });
    expect(render.code).toBe(2);
    expect(render.stderr).toMatch(
      /malformed\/objects\.yaml:\d+:\d+: malformed: engine output: object has no apiVersion/,
    );
    const out = join(root, 'rendered');
    const written = await kcfg(['render', 'malformed', '--out', out], { cwd: root, env });
    expect(written.code).toBe(2);
    expect(existsSync(out) ? readdirSync(out) : []).toEqual([]);
  });

  it('nesting 2,000 levels deep is a finding, never an internal error', async () => {
    const r = await kcfg(['check', 'deep'], { cwd: root, env, timeoutMs: 120_000 });
    expectNoCrash(r);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/yaml\/too-deep/);
    const file = await kcfg(['validate', 'deep/deep.yaml'], { cwd: root, env });
    expectNoCrash(file);
    expect(file.stdout).toMatch(/yaml\/too-deep|nesting is too deep/);
  });

  it('control characters from a source line are escaped in code frames', async () => {
    // Kustomize refuses such a file itself; a plain manifest given to validate is framed.
    const r = await kcfg(['validate', 'escape/cm.yaml', '--color'], { cwd: root, env });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('\\x1b]0;pwned\\x07\\x1b[2J');
    expect(r.stdout).not.toContain('pwned\u0007');
  });

  it('a manifest that is not UTF-8 is a finding at its line, not a document with replacement characters', async () => {
    writeFileSync(
      join(root, 'latin1.yaml'),
      Buffer.concat([
        Buffer.from('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: l\ndata:\n  k: "a'),
        Buffer.from([0xff]),
        Buffer.from('"\n'),
      ]),
    );
    const r = await kcfg(['validate', 'latin1.yaml', '--format', 'json'], { cwd: root, env });
    expect(r.code).toBe(1);
    expect((JSON.parse(r.stdout) as { diagnostics: unknown[] }).diagnostics).toEqual([
      expect.objectContaining({
        code: 'input/invalid-utf8',
        source: expect.objectContaining({ file: 'latin1.yaml', line: 6 }),
      }),
    ]);
  });

  it('an unknown engine.command names its kcfg.yaml line', async () => {
    const dir = tempDir('engine');
    dirs.push(dir);
    kustomizeTree(dir, CONFIGMAP_GOOD);
    write(dir, {
      'kcfg.yaml': 'environments:\n  - path: deploy/overlays/*\nengine:\n  command: kubectl-that-does-not-exist\n',
    });
    const r = await kcfg(['check'], { cwd: dir, env });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^kcfg: kcfg\.yaml:4:3: Kustomize engine 'kubectl-that-does-not-exist' not found on PATH/);
  });

  it('Helm and exec functions are refused at the field that asks for them', async () => {
    write(root, {
      'helm/kustomization.yaml':
        'namespace: x\nresources: []\nhelmCharts:\n  - name: redis\n    repo: https://charts.example.test\n    version: 1.0.0\n',
    });
    const r = await kcfg(['check', 'helm', '--format', 'json'], { cwd: root, env });
    expect(r.code).toBe(2);
    const d = (JSON.parse(r.stdout) as { diagnostics: { source?: { file: string; line: number } }[] }).diagnostics[0]!;
    expect(d.source).toMatchObject({ file: 'helm/kustomization.yaml', line: 3 });
  });
});
