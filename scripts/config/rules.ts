// What the schema cannot say about kcfg.yaml: small named rules run after it passed the schema.

import { availableKubernetesVersions } from '../schemas/location.js';
import { isComponentDir, matchKustomizationDirs } from '../workspace/discover.js';
import { isGlob } from '../workspace/glob.js';
import { isDirectory, readKustomization } from '../workspace/kustomization.js';
import { configuredEnvironments } from './environments.js';
import { absolute, normalizeRel } from '../workspace/paths.js';
import { KcfgError } from '../core/errors.js';
import type { ConfigProblem, Segment } from './problems.js';
import type { RawConfig } from './raw.js';

export interface RuleContext {
  root: string;
  locate(segments: readonly Segment[]): ConfigProblem['location'];
}

type Rule = (raw: RawConfig, ctx: RuleContext) => ConfigProblem[];

function problem(
  ctx: RuleContext,
  segments: Segment[],
  keyPath: string,
  message: string,
  hint?: string,
): ConfigProblem {
  return { keyPath, message, location: ctx.locate(segments), ...(hint ? { hint } : {}) };
}

const uniqueEnvironmentNames: Rule = (raw, ctx) => {
  const entries = raw.environments ?? [];
  const seen = new Map<string, number>();
  const out: ConfigProblem[] = [];
  // Names come from the expanded list (globs, conventional names), so collisions between entries show too.
  const all = configuredEnvironments(ctx.root, entries);
  entries.forEach((entry, i) => {
    const mine =
      entry.name !== undefined
        ? [entry.name]
        : all.filter((e) => entryMatches(ctx.root, entry.path, e.dir)).map((e) => e.name);
    for (const name of mine) {
      const first = seen.get(name);
      if (first === undefined) seen.set(name, i);
      else if (first !== i) {
        const at = entry.name !== undefined ? 'name' : 'path';
        out.push(
          problem(
            ctx,
            ['environments', i, at],
            `environments[${i}].${at}`,
            `duplicate environment name "${name}" (also environments[${first}])`,
            at === 'path' ? 'give this entry a name' : undefined,
          ),
        );
      }
    }
  });
  return out;
};

function entryMatches(root: string, path: string, dir: string): boolean {
  return isGlob(path) ? matchKustomizationDirs(root, path).includes(dir) : normalizeRel(path) === dir;
}

const environmentPathsExist: Rule = (raw, ctx) => {
  const out: ConfigProblem[] = [];
  (raw.environments ?? []).forEach((env, i) => {
    const at: Segment[] = ['environments', i, 'path'];
    const keyPath = `environments[${i}].path`;
    if (isGlob(env.path)) {
      if (env.name !== undefined)
        out.push(
          problem(
            ctx,
            ['environments', i, 'name'],
            `environments[${i}].name`,
            'a glob path names many environments',
            'leave name out: each match is named by convention',
          ),
        );
      else if (matchKustomizationDirs(ctx.root, env.path).length === 0)
        out.push(problem(ctx, at, keyPath, `${env.path} matches no kustomization directory`));
      return;
    }
    const dir = normalizeRel(env.path);
    if (!isDirectory(absolute(ctx.root, dir))) {
      out.push(problem(ctx, at, keyPath, `directory ${dir} does not exist`));
      return;
    }
    try {
      if (!readKustomization(ctx.root, dir)) {
        out.push(
          problem(
            ctx,
            at,
            keyPath,
            `${dir} has no kustomization.yaml`,
            'an environment is a directory Kustomize can build',
          ),
        );
      } else if (isComponentDir(ctx.root, dir)) {
        out.push(
          problem(
            ctx,
            at,
            keyPath,
            `${dir} is a Component`,
            'a Component is applied by the overlays that list it under components:; name one of those overlays',
          ),
        );
      }
    } catch (e) {
      // A broken kustomization is the render's finding, not a configuration problem.
      if (!(e instanceof KcfgError)) throw e;
    }
  });
  return out;
};

const knownKubernetesVersions: Rule = (raw, ctx) => {
  const known = availableKubernetesVersions();
  if (known.length === 0) return [];
  const out: ConfigProblem[] = [];
  const check = (version: string | undefined, segments: Segment[], keyPath: string): void => {
    if (version !== undefined && !known.includes(version)) {
      out.push(
        problem(
          ctx,
          segments,
          keyPath,
          `no schemas for Kubernetes ${version}`,
          `kcfg has schemas for ${known.join(', ')}`,
        ),
      );
    }
  };
  check(raw.schemas?.kubernetesVersion, ['schemas', 'kubernetesVersion'], 'schemas.kubernetesVersion');
  (raw.environments ?? []).forEach((env, i) =>
    check(env.kubernetesVersion, ['environments', i, 'kubernetesVersion'], `environments[${i}].kubernetesVersion`),
  );
  return out;
};

export const CONFIG_RULES: Record<string, Rule> = {
  uniqueEnvironmentNames,
  environmentPathsExist,
  knownKubernetesVersions,
};

export function runRules(raw: RawConfig, ctx: RuleContext): ConfigProblem[] {
  return Object.values(CONFIG_RULES).flatMap((rule) => rule(raw, ctx));
}
