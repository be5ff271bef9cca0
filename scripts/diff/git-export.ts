// Materialise the tree of a git ref in a directory using plumbing only (ls-tree + cat-file --batch), so the
// user's working tree, index and worktree list are never touched.

import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { UsageError, KcfgError } from '../core/errors.js';

function git(root: string, args: string[]): Buffer {
  const r = spawnSync('git', args, { cwd: root, maxBuffer: 1 << 30 });
  if (r.error) throw new KcfgError(`cannot run git: ${r.error.message}`);
  if (r.status !== 0) throw new KcfgError(`git ${args[0]} failed: ${r.stderr.toString().trim().split('\n')[0]}`);
  return r.stdout;
}

export interface TreeEntry {
  mode: string;
  sha: string;
  path: string;
}

/** Resolve `ref` to a commit id; a usage error when it names nothing. */
export function resolveRef(root: string, ref: string): string {
  if (ref.startsWith('-')) throw new UsageError(`invalid git ref "${ref}"`);
  const r = spawnSync('git', ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`], { cwd: root });
  if (r.status !== 0)
    throw new UsageError(
      `"${ref}" is not a commit in ${root}`,
      'pass a branch, tag or commit, e.g. --base origin/main',
    );
  return r.stdout.toString().trim();
}

/** Blob entries of the tree at `commit` under `prefix` (the repository root's path inside the git top level). */
export function listTree(root: string, commit: string): TreeEntry[] {
  const out = git(root, ['ls-tree', '-r', '-z', '--full-tree', commit]).toString('utf8');
  const prefix = git(root, ['rev-parse', '--show-prefix']).toString('utf8').trim();
  const entries: TreeEntry[] = [];
  for (const rec of out.split('\0')) {
    if (!rec) continue;
    const tab = rec.indexOf('\t');
    const [mode, type, sha] = rec.slice(0, tab).split(' ');
    const path = rec.slice(tab + 1);
    if (type !== 'blob' || !path.startsWith(prefix)) continue;
    entries.push({ mode: mode, sha: sha, path: path.slice(prefix.length) });
  }
  return entries;
}

const KUSTOMIZATION_NAMES = new Set(['kustomization.yaml', 'kustomization.yml', 'Kustomization']);

/**
 * What a build can read under Kustomize's RootOnly load restrictor: a kustomization may only read files in
 * its own directory tree, and directories it includes hold kustomizations themselves. So the files under
 * some kustomization directory, plus the configuration, are all a render at the ref needs.
 */
export function rootOnlyFilter(entries: readonly TreeEntry[], keep: readonly string[]): (e: TreeEntry) => boolean {
  const dirs = new Set<string>();
  for (const e of entries) {
    const slash = e.path.lastIndexOf('/');
    if (KUSTOMIZATION_NAMES.has(e.path.slice(slash + 1))) dirs.add(slash < 0 ? '' : e.path.slice(0, slash));
  }
  const keepSet = new Set(keep);
  return (e) => {
    if (keepSet.has(e.path) || dirs.has('')) return true;
    for (let i = e.path.indexOf('/'); i >= 0; i = e.path.indexOf('/', i + 1))
      if (dirs.has(e.path.slice(0, i))) return true;
    return false;
  };
}

/** Write the blobs of `commit` (those `select` accepts, default all) into `dest`; returns the number written. */
export async function exportTree(
  root: string,
  commit: string,
  dest: string,
  select?: (all: readonly TreeEntry[]) => (e: TreeEntry) => boolean,
): Promise<number> {
  const listed = listTree(root, commit);
  const entries = select ? listed.filter(select(listed)) : listed;
  const blobs = await readBlobs(root, [...new Set(entries.map((e) => e.sha))]);
  for (const e of entries) {
    const file = join(dest, e.path);
    mkdirSync(dirname(file), { recursive: true });
    const content = blobs.get(e.sha)!;
    if (e.mode === '120000') symlinkSync(content.toString('utf8'), file);
    else {
      writeFileSync(file, content);
      if (e.mode === '100755') chmodSync(file, 0o755);
    }
  }
  return entries.length;
}

function readBlobs(root: string, shas: string[]): Promise<Map<string, Buffer>> {
  return new Promise((resolve, reject) => {
    const child = spawn('git', ['cat-file', '--batch'], { cwd: root, stdio: ['pipe', 'pipe', 'pipe'] });
    const chunks: Buffer[] = [];
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => chunks.push(c));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('error', (e) => reject(new KcfgError(`cannot run git: ${e.message}`)));
    child.on('close', (code) => {
      if (code !== 0) return reject(new KcfgError(`git cat-file failed: ${stderr.trim()}`));
      const buf = Buffer.concat(chunks);
      const out = new Map<string, Buffer>();
      let pos = 0;
      while (pos < buf.length) {
        const nl = buf.indexOf(0x0a, pos);
        const [sha, type, size] = buf.subarray(pos, nl).toString().split(' ');
        if (type === 'missing') return reject(new KcfgError(`git object ${sha} is missing`));
        const n = Number(size);
        out.set(sha, buf.subarray(nl + 1, nl + 1 + n));
        pos = nl + 1 + n + 1;
      }
      resolve(out);
    });
    child.stdin.end(shas.join('\n') + (shas.length ? '\n' : ''));
  });
}
