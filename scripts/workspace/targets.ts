// Command-line targets → environments: configured names, or directories (ad-hoc environments).

import { relative, resolve } from 'node:path';
import { UsageError } from '../core/errors.js';
import type { Environment } from '../core/resource.js';
import { isDirectory, readKustomization } from './kustomization.js';
import { normalizeRel, toPosix } from './paths.js';

/**
 * Each argument is an environment name or a directory (relative to the root, or absolute). A directory that
 * is a configured environment's overlay resolves to that environment; any other kustomization directory becomes
 * an ad-hoc environment named after its path, with the default Kubernetes version. No arguments: all environments.
 */
/** What target resolution reads of the loaded configuration (config/ builds it; this stage comes first). */
export interface TargetSpace {
  root: string;
  /** The configuration file, when there is one. */
  file?: string;
  /** Where relative command-line paths start. */
  cwd?: string;
  environments: readonly Environment[];
  schemas: { kubernetesVersion: string };
}

export function resolveTargets(config: TargetSpace, args: readonly string[]): Environment[] {
  const envs = config.environments;
  if (args.length === 0) {
    if (envs.length === 0 && !config.file) {
      throw new UsageError(
        `no kustomization found in ${config.root}`,
        'run kcfg in a repository with a kustomization.yaml, or pass -C DIR',
      );
    }
    return [...envs];
  }
  const out: Environment[] = [];
  const add = (e: Environment): void => {
    if (!out.some((o) => o.name === e.name)) out.push(e);
  };
  for (const arg of args) {
    const named = envs.find((e) => e.name === arg);
    if (named) {
      add(named);
      continue;
    }
    const fromCwd = config.cwd ? resolve(config.cwd, arg) : undefined;
    const abs = fromCwd && isDirectory(fromCwd) ? fromCwd : resolve(config.root, arg);
    if (!isDirectory(abs)) {
      const known = envs.map((e) => e.name);
      throw new UsageError(
        `unknown environment or directory '${arg}'`,
        known.length
          ? `known environments: ${known.join(', ')}`
          : 'no environments are configured; pass a kustomization directory',
      );
    }
    const dir = normalizeRel(toPosix(relative(config.root, abs)));
    const configured = envs.find((e) => e.dir === dir);
    if (configured) {
      add(configured);
      continue;
    }
    if (!readKustomization(config.root, dir))
      throw new UsageError(
        `${arg} has no kustomization.yaml`,
        'pass an environment name or a directory Kustomize can build',
      );
    add({ name: dir, dir, kubernetesVersion: config.schemas.kubernetesVersion });
  }
  return out;
}
