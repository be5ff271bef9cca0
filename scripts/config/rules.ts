// What the schema cannot say about kcfg.yaml: small named rules run after it passed the schema.

import { availableKubernetesVersions } from '../schemas/location.js';
import { isDirectory, readKustomization } from '../workspace/kustomization.js';
import { absolute, normalizeRel } from '../workspace/paths.js';
import { KcfgError } from '../core/errors.js';
import type { ConfigProblem, Segment } from './problems.js';
import type { RawConfig } from './raw.js';

export interface RuleContext {
  root: string;
  locate(segments: readonly Segment[]): ConfigProblem['location'];
}

type Rule = (raw: RawConfig, ctx: RuleContext) => ConfigProblem[];

function problem(ctx: RuleContext, segments: Segment[], keyPath: string, message: string, hint?: string): ConfigProblem {
  return { keyPath, message, location: ctx.locate(segments), ...(hint ? { hint } : {}) };
}

const uniqueEnvironmentNames: Rule = (raw, ctx) => {
  const seen = new Map<string, number>();
  const out: ConfigProblem[] = [];
  (raw.environments ?? []).forEach((env, i) => {
    const first = seen.get(env.name);
    if (first === undefined) seen.set(env.name, i);
    else out.push(problem(ctx, ['environments', i, 'name'], `environments[${i}].name`, `duplicate environment name "${env.name}" (also environments[${first}])`));
  });
  return out;
};

const environmentPathsExist: Rule = (raw, ctx) => {
  const out: ConfigProblem[] = [];
  (raw.environments ?? []).forEach((env, i) => {
    const dir = normalizeRel(env.path);
    const at: Segment[] = ['environments', i, 'path'];
    const keyPath = `environments[${i}].path`;
    if (!isDirectory(absolute(ctx.root, dir))) {
      out.push(problem(ctx, at, keyPath, `directory ${dir} does not exist`));
      return;
    }
    try {
      if (!readKustomization(ctx.root, dir)) {
        out.push(problem(ctx, at, keyPath, `${dir} has no kustomization.yaml`, 'an environment is a directory Kustomize can build'));
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
      out.push(problem(ctx, segments, keyPath, `no schemas for Kubernetes ${version}`, `kcfg has schemas for ${known.join(', ')}`));
    }
  };
  check(raw.schemas?.kubernetesVersion, ['schemas', 'kubernetesVersion'], 'schemas.kubernetesVersion');
  (raw.environments ?? []).forEach((env, i) => check(env.kubernetesVersion, ['environments', i, 'kubernetesVersion'], `environments[${i}].kubernetesVersion`));
  return out;
};

export const CONFIG_RULES: Record<string, Rule> = { uniqueEnvironmentNames, environmentPathsExist, knownKubernetesVersions };

export function runRules(raw: RawConfig, ctx: RuleContext): ConfigProblem[] {
  return Object.values(CONFIG_RULES).flatMap((rule) => rule(raw, ctx));
}
