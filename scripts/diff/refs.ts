// Git ref against working tree: per environment, what a change adds, removes and modifies. Only
// environments whose kustomization closure changed are rendered; the rest are reported unchanged.

import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Config } from '../config/types.js';
import type { RenderedEnvironment } from '../core/rendered.js';
import type { Environment } from '../core/resource.js';
import { diffEnvironments } from './environments.js';
import { exportTree, resolveRef } from './git-export.js';
import type { DiffOptions, DiffSection } from './types.js';

/** The stages diffRefs needs from config, workspace and render; injected so each can be replaced in tests. */
export interface RefDiffDeps {
  /** Configuration of a checkout at `root`, or undefined when it has no kcfg.yaml. */
  loadConfig(root: string): Promise<Config | undefined> | Config | undefined;
  /** Repository-relative files the environment's build reads. */
  closure(config: Config, env: Environment): Promise<string[]> | string[];
  render(config: Config, envs: Environment[]): Promise<RenderedEnvironment[]>;
}

export interface RefDiff extends DiffSection {
  env: string;
  /** Whether the environment was rendered (false: closure unchanged or only on one side). */
  rendered: boolean;
}

export interface RefDiffOptions extends DiffOptions {
  deps: RefDiffDeps;
  /** Label of the working-tree side; default `working tree`. */
  workingLabel?: string;
}

/** Content hash of a closure: paths and bytes, so a rename or an edit changes it. */
export function closureHash(root: string, files: readonly string[]): string {
  const h = createHash('sha256');
  for (const f of [...files].sort()) {
    h.update(f).update('\0');
    const p = join(root, f);
    h.update(existsSync(p) ? readFileSync(p) : Buffer.from('\u0000missing')).update('\0');
  }
  return h.digest('hex');
}

/**
 * Diff each environment between `ref` and the working tree. `envs` selects environments by name from
 * either side (all environments of both sides when empty).
 */
export async function diffRefs(config: Config, ref: string, envs: Environment[], opts: RefDiffOptions): Promise<RefDiff[]> {
  const commit = resolveRef(config.root, ref);
  const dir = mkdtempSync(join(tmpdir(), 'kcfg-ref-'));
  try {
    await exportTree(config.root, commit, dir);
    const loaded = await opts.deps.loadConfig(dir);
    const base: Config = loaded ?? { ...config, root: dir, file: undefined, environments: config.environments };
    const wanted = envs.length ? new Set(envs.map((e) => e.name)) : undefined;
    const before = new Map(base.environments.filter((e) => !wanted || wanted.has(e.name)).map((e) => [e.name, e]));
    const after = new Map((envs.length ? envs : config.environments).map((e) => [e.name, e]));
    const names = [...new Set([...before.keys(), ...after.keys()])].sort();
    const work = opts.workingLabel ?? 'working tree';

    const results = new Map<string, RefDiff>();
    const toRender: string[] = [];
    for (const name of names) {
      const b = before.get(name);
      const a = after.get(name);
      const title = `${name} (${ref} → ${work})`;
      if (!b) results.set(name, { env: name, title, status: 'added', reason: `environment added since ${ref}`, rendered: false });
      else if (!a) results.set(name, { env: name, title, status: 'removed', reason: `environment removed since ${ref}`, rendered: false });
      else {
        const [cb, ca] = await Promise.all([opts.deps.closure(base, b), opts.deps.closure(config, a)]);
        if (closureHash(dir, cb) === closureHash(config.root, ca)) {
          results.set(name, { env: name, title, status: 'unchanged', reason: 'kustomization closure unchanged, not rendered', rendered: false });
        } else toRender.push(name);
      }
    }
    if (toRender.length) {
      const [renderedBefore, renderedAfter] = await Promise.all([
        opts.deps.render(base, toRender.map((n) => before.get(n)!)),
        opts.deps.render(config, toRender.map((n) => after.get(n)!)),
      ]);
      for (const name of toRender) {
        const rb = renderedBefore.find((r) => r.env.name === name)!;
        const ra = renderedAfter.find((r) => r.env.name === name)!;
        const diff = diffEnvironments(rb, ra, opts, { a: ref, b: work, rootA: dir, rootB: config.root });
        const changed = diff.resources.length > 0;
        results.set(name, {
          env: name,
          title: `${name} (${ref} → ${work})`,
          status: changed ? 'changed' : 'unchanged',
          ...(changed ? {} : { reason: 'closure changed, rendered output identical' }),
          diff,
          rendered: true,
        });
      }
    }
    return names.map((n) => results.get(n)!);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
