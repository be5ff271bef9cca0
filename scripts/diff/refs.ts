// Git ref against working tree: per environment, what a change adds, removes and modifies. Only
// environments whose kustomization closure changed are rendered; the rest are reported unchanged.

import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../config/load.js';
import type { Config } from '../config/types.js';
import { EXIT, KcfgError } from '../core/errors.js';
import type { RenderedEnvironment } from '../core/rendered.js';
import { RENDER_FAILED, renderEnvironments } from '../render/index.js';
import { closure } from '../workspace/closure.js';
import type { Environment } from '../core/resource.js';
import { diffEnvironments } from './environments.js';
import { exportTree, resolveRef, rootOnlyFilter, type TreeEntry } from './git-export.js';
import { PARITY_FILE } from './parity.js';
import type { DiffOptions, DiffSection } from './types.js';

/** The stages diffRefs needs from config, workspace and render; injected so each can be replaced in tests. */
export interface RefDiffDeps {
  /** Configuration of a checkout at `root`, or undefined when it has no kcfg.yaml. */
  loadConfig(root: string): Promise<Config | undefined> | Config | undefined;
  /** Repository-relative files the environment's build reads. */
  closure(config: Config, env: Environment): Promise<string[]> | string[];
  render(config: Config, envs: Environment[]): Promise<RenderedEnvironment[]>;
}

/** The real stages: kcfg.yaml (or discovery) at the ref, the workspace closure, the cached renderer. */
export const defaultRefDiffDeps: RefDiffDeps = {
  // Without kcfg.yaml at the ref, the working tree's environments are looked for there (discovery could name
  // them differently and report every environment as added and removed).
  loadConfig: (root) => {
    const c = loadConfig(root);
    return c.file ? c : undefined;
  },
  closure: (config, env) => closure(config.root, env.dir),
  render: (config, envs) => renderEnvironments(config, envs),
};

export interface RefDiff extends DiffSection {
  env: string;
  /** Whether the environment was rendered (false: closure unchanged or only on one side). */
  rendered: boolean;
}

export interface RefDiffOptions extends DiffOptions {
  /** Defaults to `defaultRefDiffDeps`. */
  deps?: RefDiffDeps;
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
export async function diffRefs(
  config: Config,
  ref: string,
  envs: Environment[],
  opts: RefDiffOptions,
): Promise<RefDiff[]> {
  const deps = opts.deps ?? defaultRefDiffDeps;
  const commit = resolveRef(config.root, ref);
  const dir = mkdtempSync(join(tmpdir(), 'kcfg-ref-'));
  try {
    const select =
      config.engine.loadRestrictor === 'None'
        ? undefined
        : (all: readonly TreeEntry[]) => rootOnlyFilter(all, ['kcfg.yaml', 'kcfg.yml', PARITY_FILE]);
    await exportTree(config.root, commit, dir, select);
    const base = await atRef(ref, async () => {
      const loaded = await deps.loadConfig(dir);
      // The render cache is keyed by content, so both sides share the working tree's cache.
      return loaded
        ? { ...loaded, cacheDir: config.cacheDir }
        : { ...config, root: dir, file: undefined, environments: config.environments };
    });
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
      if (!b)
        results.set(name, {
          env: name,
          title,
          status: 'added',
          reason: `environment added since ${ref}`,
          rendered: false,
        });
      else if (!a)
        results.set(name, {
          env: name,
          title,
          status: 'removed',
          reason: `environment removed since ${ref}`,
          rendered: false,
        });
      else {
        const cb = await atRef(ref, () => deps.closure(base, b));
        const ca = await deps.closure(config, a);
        if (cb.length === 0 || ca.length === 0) {
          const status = cb.length === 0 ? 'added' : 'removed';
          const where = cb.length === 0 ? ref : work;
          results.set(name, {
            env: name,
            title,
            status,
            reason: `no kustomization at ${(cb.length === 0 ? b : a).dir} in ${where}`,
            rendered: false,
          });
          continue;
        }
        if (closureHash(dir, cb) === closureHash(config.root, ca)) {
          results.set(name, {
            env: name,
            title,
            status: 'unchanged',
            reason: 'kustomization closure unchanged, not rendered',
            rendered: false,
          });
        } else toRender.push(name);
      }
    }
    if (toRender.length) {
      const [renderedBefore, renderedAfter] = await Promise.all([
        atRef(ref, () =>
          deps.render(
            base,
            toRender.map((n) => before.get(n)!),
          ),
        ),
        deps.render(
          config,
          toRender.map((n) => after.get(n)!),
        ),
      ]);
      for (const name of toRender) {
        const rb = renderedBefore.find((r) => r.env.name === name)!;
        const ra = renderedAfter.find((r) => r.env.name === name)!;
        for (const [side, r] of [
          [ref, rb],
          [work, ra],
        ] as const) {
          const failed = r.findings.find((f) => f.code === RENDER_FAILED);
          if (failed)
            throw new KcfgError(
              `${name} does not render at ${side}: ${failed.message}`,
              EXIT.error,
              failed.source,
              failed.hint,
            );
        }
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

/** Errors about files at the ref name the ref, so nobody looks for them in the working tree. */
async function atRef<T>(ref: string, f: () => Promise<T> | T): Promise<T> {
  try {
    return await f();
  } catch (e) {
    if (e instanceof KcfgError) throw new KcfgError(`at ${ref}: ${e.message}`, e.exitCode, e.location, e.hint);
    throw e;
  }
}
