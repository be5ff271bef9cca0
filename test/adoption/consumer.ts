// A consumer repository, as another team has it: not a Node project, its own Kustomize tree, kcfg brought in
// from outside (a packed tarball, or pre-commit installing it from a git revision).

import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { REPO } from '../cli/helpers.js';

export const CONFIGMAP_BAD = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\ndata:\n  retries: 3\n';
export const CONFIGMAP_GOOD = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\ndata:\n  retries: "3"\n';

export function tempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `kcfg-${prefix}-`));
}

export function write(root: string, files: Record<string, string>): void {
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, rel)), { recursive: true });
    writeFileSync(join(root, rel), text);
  }
}

/** base/ + overlays/{staging,production} + an unused Component; `configmap` is the base ConfigMap's text. */
export function kustomizeTree(root: string, configmap: string): void {
  write(root, {
    'deploy/base/kustomization.yaml': 'resources:\n  - configmap.yaml\n',
    'deploy/base/configmap.yaml': configmap,
    // `components:` with no entries, as Kustomize accepts it.
    'deploy/overlays/staging/kustomization.yaml': 'namespace: shop-staging\nresources:\n  - ../../base\ncomponents:\n',
    'deploy/overlays/production/kustomization.yaml': 'namespace: shop\nnamePrefix: prod-\nresources:\n  - ../../base\n',
    'deploy/components/debug/kustomization.yaml':
      'apiVersion: kustomize.config.k8s.io/v1alpha1\nkind: Component\npatches:\n  - patch: |-\n      apiVersion: v1\n      kind: ConfigMap\n      metadata:\n        name: settings\n      data:\n        debug: "true"\n',
    'README.md': '# shop\n',
  });
}

export function run(
  cmd: string,
  args: string[],
  cwd: string,
  env: NodeJS.ProcessEnv = {},
  timeout = 300_000,
): SpawnSyncReturns<string> {
  return spawnSync(cmd, args, {
    cwd,
    env: { ...process.env, NO_COLOR: '1', ...env },
    encoding: 'utf8',
    timeout,
    maxBuffer: 1 << 26,
  });
}

export function git(cwd: string, ...args: string[]): SpawnSyncReturns<string> {
  const r = run(
    'git',
    ['-c', 'user.email=test@example.com', '-c', 'user.name=test', '-c', 'commit.gpgsign=false', ...args],
    cwd,
  );
  if (r.status !== 0 && args[0] !== 'commit') throw new Error(`git ${args.join(' ')}: ${r.stderr}`);
  return r;
}

/** This project's files as a fresh one-commit repository (tracked and untracked, minus what git ignores). */
export function snapshotRepository(): { dir: string; sha: string } {
  const dir = tempDir('hookrepo');
  const listed = run('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], REPO);
  for (const rel of listed.stdout.split('\0').filter(Boolean)) {
    try {
      cpSync(join(REPO, rel), join(dir, rel), { recursive: false });
    } catch {
      // A file deleted in the working tree but still in the index.
    }
  }
  git(dir, 'init', '-q');
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '-m', 'snapshot');
  return { dir, sha: git(dir, 'rev-parse', 'HEAD').stdout.trim() };
}

/** Files in `dir` that git does not ignore and that differ from HEAD: what `git add -A` would pick up. */
export function untracked(dir: string): string[] {
  return run('git', ['status', '--porcelain', '--untracked-files=all'], dir).stdout.split('\n').filter(Boolean);
}

/** The fenced code blocks of the README's "Use kcfg in your repository" section, by language. */
export function readmeAdoptionBlocks(): { sh: string[]; yaml: string[] } {
  const text = readFileSync(join(REPO, 'README.md'), 'utf8');
  const start = text.indexOf('## Use kcfg in your repository');
  const end = text.indexOf('\n## ', start + 1);
  const section = text.slice(start, end);
  const out: { sh: string[]; yaml: string[] } = { sh: [], yaml: [] };
  for (const m of section.matchAll(/```(sh|yaml)\n([\s\S]*?)```/g)) out[m[1] as 'sh' | 'yaml'].push(m[2]!);
  return out;
}
