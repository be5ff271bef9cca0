// kcfg as another team adopts it: `npm pack`, `npm install -D <tarball>` into a project with its own Kustomize
// tree, then `npx kcfg` from the root and from a subfolder. Nothing may be written into that project's tree.

import { readFileSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, REPO } from '../cli/helpers.js';
import {
  CONFIGMAP_BAD,
  CONFIGMAP_GOOD,
  git,
  kustomizeTree,
  readmeAdoptionBlocks,
  run,
  tempDir,
  untracked,
  write,
} from './consumer.js';

describe('installable package', { timeout: 300_000 }, () => {
  let packDir: string;
  let tarball: string;
  let files: string[];
  let project: string;
  let cache: string;
  const npx = (args: string[], cwd = project) =>
    run('npx', ['--no-install', 'kcfg', ...args], cwd, { XDG_CACHE_HOME: cache });

  beforeAll(() => {
    ensureBuilt();
    packDir = tempDir('pack');
    cache = tempDir('xdg');
    // The build is already there (npm test builds first); prepare would rebuild dist/ under the other tests' feet.
    const packed = run('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', packDir], REPO);
    expect(packed.status, packed.stderr).toBe(0);
    const info = (JSON.parse(packed.stdout) as { filename: string; files: { path: string }[] }[])[0]!;
    tarball = join(packDir, info.filename);
    files = info.files.map((f) => f.path);

    project = tempDir('consumer');
    write(project, { 'package.json': '{ "name": "consumer", "private": true }\n', '.gitignore': 'node_modules/\n' });
    git(project, 'init', '-q');
    const installed = run('npm', ['install', '-D', '--no-audit', '--no-fund', '--prefer-offline', tarball], project);
    expect(installed.status, installed.stderr).toBe(0);
    kustomizeTree(project, CONFIGMAP_BAD);
    git(project, 'add', '-A');
    git(project, 'commit', '-q', '-m', 'start');
  });

  afterAll(() => {
    for (const d of [packDir, project, cache]) rmSync(d, { recursive: true, force: true });
  });

  it('the tarball holds the built CLI, the library, schemas and docs, and no tests or fixtures', () => {
    for (const f of [
      'bin/kcfg.js',
      'dist/cli/main.js',
      'dist/scripts/index.js',
      'dist/scripts/index.d.ts',
      'schemas/kubernetes/v1.32.json',
      'docs/policies/run-as-non-root.md',
      'package.json',
      'README.md',
    ]) {
      expect(files).toContain(f);
    }
    expect(
      files.filter(
        (f) =>
          /^(test|overlays|base|components)\//.test(f) || f.includes('fixtures') || f.startsWith('dist/scripts/bench/'),
      ),
    ).toEqual([]);
  });

  it('npx kcfg check finds the environments (not the Component), reports at the base file, exits 1', () => {
    const r = npx(['check', '--format', 'json']);
    expect(r.status, r.stderr).toBe(1);
    const report = JSON.parse(r.stdout) as {
      environments: { name: string; dir: string }[];
      diagnostics: { code: string; source?: { file: string; line: number } }[];
    };
    expect(report.environments.map((e) => [e.name, e.dir])).toEqual([
      ['production', 'deploy/overlays/production'],
      ['staging', 'deploy/overlays/staging'],
    ]);
    const schema = report.diagnostics.find((d) => d.code === 'schema/type');
    expect(schema?.source).toMatchObject({ file: 'deploy/base/configmap.yaml', line: 6 });
  });

  it('from a subfolder, kcfg.yaml is found upward and every format names files from the git top level', () => {
    const init = npx(['init']);
    expect(init.status, init.stderr).toBe(0);
    expect(init.stdout).toMatch(/2 environments: production, staging/);
    // Move the configuration into deploy/, as a team that keeps it beside the manifests would.
    const text = readFileSync(join(project, 'kcfg.yaml'), 'utf8')
      .replace(/path: deploy\//g, 'path: ')
      .replace('$schema: ./node_modules', '$schema: ../node_modules');
    rmSync(join(project, 'kcfg.yaml'));
    write(project, { 'deploy/kcfg.yaml': text });
    const sub = join(project, 'deploy/overlays/production');
    const sarif = npx(['check', '--format', 'sarif'], sub);
    expect(sarif.status, sarif.stderr).toBe(1);
    const uris = JSON.parse(sarif.stdout).runs[0].results.map(
      (r: any) => r.locations[0].physicalLocation.artifactLocation.uri,
    );
    expect(uris).toContain('deploy/base/configmap.yaml');
    const gh = npx(['check', '--format', 'github'], sub);
    expect(gh.stdout).toMatch(/^::error file=deploy\/base\/configmap\.yaml,line=6,/m);
    // Documentation links point at kcfg's published docs, never at a path of the checked repository.
    const json = JSON.parse(npx(['check', '--format', 'json'], sub).stdout) as { diagnostics: { docs?: string }[] };
    for (const d of json.diagnostics) if (d.docs) expect(d.docs).toMatch(/^https:\/\//);
    const text2 = npx(['check'], sub);
    expect(text2.stdout).toMatch(/^deploy\/base\/configmap\.yaml$/m);
    rmSync(join(project, 'deploy/kcfg.yaml'));
  });

  it('a fixed tree passes, and nothing was written into the working tree', () => {
    write(project, { 'deploy/base/configmap.yaml': CONFIGMAP_GOOD });
    const r = npx(['check']);
    expect(r.status, r.stdout + r.stderr).toBe(0);
    expect(untracked(project)).toEqual([' M deploy/base/configmap.yaml']);
  });

  it("the README's commands work as written: install, init, check, and the CI steps", () => {
    const blocks = readmeAdoptionBlocks();
    const fresh = tempDir('readme-consumer');
    try {
      write(fresh, {
        'package.json': '{ "name": "readme-consumer", "private": true }\n',
        '.gitignore': 'node_modules/\n',
      });
      git(fresh, 'init', '-q');
      kustomizeTree(fresh, CONFIGMAP_GOOD);
      git(fresh, 'add', '-A');
      git(fresh, 'commit', '-q', '-m', 'start');
      const sh = blocks.sh[0]!.trim().split('\n');
      expect(sh[0]).toMatch(/^npm install -D \S+$/);
      // The published spec is replaced by this build's tarball; every other word runs as written.
      const lines = [sh[0]!.replace(/\S+$/, tarball), ...sh.slice(1)];
      for (const line of lines) {
        const [cmd, ...args] = line.split(' ');
        const r = run(cmd!, cmd === 'npm' ? [...args, '--no-audit', '--no-fund', '--prefer-offline'] : args, fresh, {
          XDG_CACHE_HOME: cache,
        });
        expect(r.status, `${line}\n${r.stdout}${r.stderr}`).toBe(0);
      }
      git(fresh, 'add', '-A');
      git(fresh, 'commit', '-q', '-m', 'adopt kcfg');
      git(fresh, 'update-ref', 'refs/remotes/origin/main', 'HEAD');
      write(fresh, { 'deploy/base/configmap.yaml': CONFIGMAP_GOOD.replace('"3"', '"5"') });
      const ci = blocks.yaml.find((b) => b.includes('npx kcfg'))!;
      for (const m of ci.matchAll(/- run: (.+)/g)) {
        const line = m[1]!.replace('${{ github.base_ref }}', 'main');
        const [cmd, ...args] = line.split(' ');
        const r = run(cmd!, args, fresh, { XDG_CACHE_HOME: cache });
        expect(r.status, `${line}\n${r.stdout}${r.stderr}`).toBe(0);
      }
      expect(readFileSync(join(fresh, 'kcfg-diff.md'), 'utf8')).toMatch(/retries/);
      expect(JSON.parse(readFileSync(join(fresh, 'kcfg.sarif'), 'utf8')).version).toBe('2.1.0');
    } finally {
      rmSync(fresh, { recursive: true, force: true });
    }
  });

  it('an installation without its build says so in one line', () => {
    const dist = join(project, 'node_modules/kcfg/dist/cli');
    renameSync(dist, `${dist}.away`);
    try {
      const r = npx(['check']);
      expect(r.status).toBe(2);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(/^kcfg: the CLI is not built/);
    } finally {
      renameSync(`${dist}.away`, dist);
    }
  });
});
