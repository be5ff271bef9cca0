// kcfg.yaml → Config in four steps: parse, check against CONFIG_SCHEMA, run the semantic rules, normalise.

import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join, resolve } from 'node:path';
import type { ErrorObject, ValidateFunction } from 'ajv';
import { ConfigError } from '../core/errors.js';
import { parseFast } from '../core/fast-yaml.js';
import type { Environment } from '../core/resource.js';
import { stampFor } from '../core/stamp.js';
import { escapePointer } from '../core/resource.js';
import { parseYamlText, type YamlFile } from '../schemas/tool-file.js';
import { userCacheDir } from '../core/cache-dir.js';
import { discoverEnvironments } from '../workspace/discover.js';
import { isWithin, realOf } from '../workspace/paths.js';
import { gitTopLevel } from '../workspace/roots.js';
import { keyPathOf, problemsError, type ConfigProblem, type Segment } from './problems.js';
import { configuredEnvironments } from './environments.js';
import { CONFIG_FILES, DEFAULTS, type RawConfig } from './raw.js';
import { runRules } from './rules.js';
import { CONFIG_SCHEMA } from './schema.js';
import type { Config } from './types.js';

const require = createRequire(import.meta.url);

/**
 * Load `kcfg.yaml` (or `kcfg.yml`) from `cwd`, the repository root. Without one, every kustomization that no
 * other kustomization includes is an environment (found lazily, on first access to `environments`).
 * Environment variables: KCFG_ENGINE overrides engine.command, KCFG_CACHE_DIR the cache directory.
 */
export function loadConfig(
  cwd: string,
  env: NodeJS.ProcessEnv = process.env,
  opts: { ignoreFile?: boolean } = {},
): Config {
  const root = resolve(cwd);
  const present = opts.ignoreFile ? [] : CONFIG_FILES.filter((f) => existsSync(join(root, f)));
  if (present.length > 1) {
    throw new ConfigError(
      `both ${present.join(' and ')} exist`,
      { file: present[1], line: 1, column: 1 },
      'keep one configuration file',
    );
  }
  const file = present[0];
  if (!file) {
    const config = normalise(root, undefined, {}, env);
    let discovered: Environment[] | undefined;
    Object.defineProperty(config, 'environments', {
      enumerable: true,
      configurable: true,
      get: () => (discovered ??= discoverEnvironments(root, config.schemas.kubernetesVersion)),
      set: (v: Environment[]) => {
        discovered = v;
      },
    });
    return config;
  }
  const text = readFileSync(join(root, file), 'utf8');
  const raw = readRaw(root, file, text, env);
  return normalise(root, file, raw, env);
}

/** Parse and check the file; throws ConfigError listing every problem with its key path and position. */
export function readRaw(root: string, file: string, text: string, env: NodeJS.ProcessEnv = process.env): RawConfig {
  let parsed: YamlFile | undefined;
  const located = (): YamlFile => (parsed ??= parseYamlText(text, file));
  const locate = (segments: readonly Segment[]): ConfigProblem['location'] =>
    located().locate(segments.map((s) => `/${escapePointer(s)}`).join(''));

  // A config that passed this exact schema once need not pay for loading ajv and `yaml` again.
  const fast = parseFast(text);
  const cacheDir = fast ? cacheDirOf(root, fast.value, env) : undefined;
  const stamp =
    cacheDir && !insideRepository(gitTopLevel(root) ?? root, cacheDir)
      ? stampFor(cacheDir, 'config', [JSON.stringify(CONFIG_SCHEMA), text])
      : undefined;
  let raw: RawConfig;
  if (stamp?.passed) {
    raw = fast!.value ?? {};
  } else {
    const value = located().value;
    const problems = schemaProblems(value, locate);
    if (problems.length) throw problemsError(problems);
    raw = value ?? {};
    stamp?.remember();
  }
  const problems = runRules(raw, { root, locate });
  if (problems.length) throw problemsError(problems);
  return raw;
}

function normalise(root: string, file: string | undefined, raw: RawConfig, env: NodeJS.ProcessEnv): Config {
  const repoRoot = gitTopLevel(root) ?? root;
  const cacheDir = cacheDirOf(root, raw, env);
  if (insideRepository(repoRoot, cacheDir)) refuseCacheDir(root, file, cacheDir, env);
  const kubernetesVersion = raw.schemas?.kubernetesVersion ?? DEFAULTS.kubernetesVersion;
  const version = raw.engine?.version;
  return {
    root,
    ...(file ? { file } : {}),
    environments: configuredEnvironments(root, raw.environments ?? []).map((e) => {
      const podSecurity = { ...raw.podSecurity, ...e.podSecurity };
      return {
        ...e,
        kubernetesVersion: e.kubernetesVersion ?? kubernetesVersion,
        ...(Object.keys(podSecurity).length > 0 ? { podSecurity } : {}),
      };
    }),
    engine: {
      command: env['KCFG_ENGINE'] || raw.engine?.command || DEFAULTS.engineCommand,
      ...(version ? { version: version.startsWith('v') ? version : `v${version}` } : {}),
      loadRestrictor: raw.engine?.loadRestrictor ?? DEFAULTS.loadRestrictor,
    },
    schemas: {
      kubernetesVersion,
      allowUnknownKinds: raw.schemas?.allowUnknownKinds ?? [],
      crds: raw.schemas?.crds ?? [],
    },
    diff: { ignore: raw.diff?.ignore ?? [], sensitive: raw.diff?.sensitive ?? [] },
    cacheDir,
    repoRoot,
    ...(raw.docsUrl ? { docsUrl: raw.docsUrl } : {}),
  };
}

/**
 * Whether `dir` (resolved through symbolic links as far as it exists) lies inside the repository `repoRoot`.
 * A cache there could be filled by the repository itself: kcfg would trust what it finds, and its clean-up
 * would delete the repository's files.
 */
function insideRepository(repoRoot: string, dir: string): boolean {
  const top = realOf(repoRoot) ?? repoRoot;
  let probe = resolve(dir);
  const rest: string[] = [];
  while (!existsSync(probe) && dirname(probe) !== probe) {
    rest.unshift(basename(probe));
    probe = dirname(probe);
  }
  return isWithin(join(realOf(probe) ?? probe, ...rest), top);
}

function refuseCacheDir(root: string, file: string | undefined, dir: string, env: NodeJS.ProcessEnv): never {
  const hint =
    'put the cache outside the repository (the default is ~/.cache/kcfg), e.g. $RUNNER_TEMP/kcfg-cache in CI';
  if (env['KCFG_CACHE_DIR'])
    throw new ConfigError(`KCFG_CACHE_DIR=${env['KCFG_CACHE_DIR']} is inside the repository (${dir})`, undefined, hint);
  let location: ConfigProblem['location'] | undefined;
  if (file) {
    const lines = readFileSync(join(root, file), 'utf8').split('\n');
    const i = lines.findIndex((l) => /^cacheDir\s*:/.test(l));
    if (i >= 0) location = { file, line: i + 1, column: 1 };
  }
  throw new ConfigError(`cacheDir ${dir} is inside the repository`, location, hint);
}

/**
 * The cache directory of a run that reads no configuration (`kcfg validate FILE`): the same rules as with one,
 * `KCFG_CACHE_DIR` or the user's cache folder, never inside the repository.
 */
export function cacheDirFor(root: string, env: NodeJS.ProcessEnv = process.env): string {
  const dir = cacheDirOf(root, undefined, env);
  if (insideRepository(gitTopLevel(root) ?? root, dir)) refuseCacheDir(root, undefined, dir, env);
  return dir;
}

function cacheDirOf(root: string, raw: unknown, env: NodeJS.ProcessEnv): string {
  const fromEnv = env['KCFG_CACHE_DIR'];
  if (fromEnv) return resolve(root, fromEnv);
  const configured = (raw as RawConfig | null)?.cacheDir;
  return typeof configured === 'string' ? resolve(root, configured) : userCacheDir(root, env);
}

let validator: ValidateFunction | undefined;

function schemaProblems(value: unknown, locate: (s: readonly Segment[]) => ConfigProblem['location']): ConfigProblem[] {
  if (!validator) {
    const { Ajv } = require('ajv') as typeof import('ajv');
    validator = new Ajv({ allErrors: true, verbose: true, strict: true }).compile(CONFIG_SCHEMA);
  }
  if (value === null || value === undefined) return [];
  if (validator(value)) return [];
  const seen = new Set<string>();
  const out: ConfigProblem[] = [];
  for (const e of validator.errors ?? []) {
    const p = describe(e, value, locate);
    const key = `${p.keyPath}\0${p.message}`;
    if (!seen.has(key)) {
      seen.add(key);
      out.push(p);
    }
  }
  return out.sort((a, b) => a.location.line - b.location.line || a.location.column - b.location.column);
}

function describe(
  e: ErrorObject,
  value: unknown,
  locate: (s: readonly Segment[]) => ConfigProblem['location'],
): ConfigProblem {
  const segments = pointerSegments(e.instancePath, value);
  const parent = e.parentSchema as { description?: string; properties?: Record<string, unknown> } | undefined;
  const params = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'additionalProperties': {
      const at = [...segments, String(params['additionalProperty'])];
      const allowed = Object.keys(parent?.properties ?? {});
      return {
        keyPath: keyPathOf(at),
        message: 'unknown key',
        location: locate(at),
        hint: `allowed keys: ${allowed.join(', ')}`,
      };
    }
    case 'required': {
      const missing = String(params['missingProperty']);
      return { keyPath: keyPathOf(segments), message: `missing required key "${missing}"`, location: locate(segments) };
    }
    case 'type': {
      const hint =
        params['type'] === 'string' && typeof e.data === 'number'
          ? 'quote the value so YAML keeps it a string (1.30 would otherwise read as 1.3)'
          : undefined;
      return {
        keyPath: keyPathOf(segments),
        message: `must be ${article(String(params['type']))}`,
        location: locate(segments),
        ...(hint ? { hint } : {}),
      };
    }
    case 'enum':
      return {
        keyPath: keyPathOf(segments),
        message: `must be one of ${(params['allowedValues'] as unknown[]).join(', ')}`,
        location: locate(segments),
      };
    case 'pattern':
      return {
        keyPath: keyPathOf(segments),
        message: `"${String(e.data)}" is not valid`,
        location: locate(segments),
        ...(parent?.description ? { hint: parent.description } : {}),
      };
    case 'minLength':
      return { keyPath: keyPathOf(segments), message: 'must not be empty', location: locate(segments) };
    case 'uniqueItems':
      return { keyPath: keyPathOf(segments), message: 'has duplicate entries', location: locate(segments) };
    default:
      return { keyPath: keyPathOf(segments), message: e.message ?? `fails ${e.keyword}`, location: locate(segments) };
  }
}

function article(type: string): string {
  return /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`;
}

function pointerSegments(pointer: string, value: unknown): Segment[] {
  if (!pointer) return [];
  const out: Segment[] = [];
  let cur: unknown = value;
  for (const raw of pointer.slice(1).split('/')) {
    const seg = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(cur)) {
      out.push(Number(seg));
      cur = cur[Number(seg)];
    } else {
      out.push(seg);
      cur = (cur as Record<string, unknown> | null)?.[seg];
    }
  }
  return out;
}
