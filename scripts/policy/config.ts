// policies/config.yaml → PolicyConfig: parse against the published schema, normalise, then semantic checks
// (unknown policy ids and environments, options that fail their policy's schema).

import { CODES, isCode } from '../codes/index.js';
import type { Severity } from '../core/diagnostic.js';
import { ConfigError } from '../core/errors.js';
import { escapePointer, isObject } from '../core/resource.js';
import { loadBaseline, type Baseline } from './baseline.js';
import { loadRules } from './rules.js';
import { POLICY_CONFIG_SCHEMA } from './schema.js';
import { closest } from '../core/suggest.js';
import { globMatcher, isGlob } from '../workspace/glob.js';
import type { Policy } from './types.js';
import { describeAjvError, loadYamlFile, validatorFor, type YamlFile } from '../schemas/tool-file.js';

export const POLICY_CONFIG_FILE = 'policies/config.yaml';

/** Finding codes the engine itself emits; no policy may take these ids. */
export const RESERVED_IDS = new Set(['invalid-exemption', 'exemption-forbidden', 'baseline-expired', 'baseline-stale']);

export type SeveritySetting = Severity | 'off';

export type ExemptionsSetting = 'allowed' | 'forbidden';

export interface PolicySetting {
  severity?: SeveritySetting;
  options?: Record<string, unknown>;
  /** `forbidden`: exemption annotations and baseline entries for the policy are findings, and suppress nothing. */
  exemptions?: ExemptionsSetting;
}

/** The `codes:` part of policies/config.yaml: severities of registry codes, shared and per environment. */
export interface CodeSettings {
  /** Severity per finding code of the registry (scripts/codes), for every environment. */
  codes: Record<string, SeveritySetting>;
  /** Code severities per environment name (or pattern). */
  environmentCodes: Record<string, Record<string, SeveritySetting>>;
}

export interface PolicyConfig extends CodeSettings {
  /** Repository-relative config file, when there is one. */
  file?: string;
  /** Built-in policies followed by declarative rules, in listing order. */
  policies: readonly Policy<any>[];
  /** Settings for every environment. */
  settings: Record<string, PolicySetting>;
  /** Overrides per environment name. */
  environments: Record<string, Record<string, PolicySetting>>;
  baseline: Baseline;
}

export interface LoadPolicyConfigOptions {
  /** Built-in policies (policies/index.ts in kcfg; the caller wires them in, so this stage never imports them). */
  registry: readonly Policy<any>[];
  /** Environment names from kcfg.yaml; an override for any other name is an error. */
  environments?: readonly string[];
  /** Where to remember that these files passed their checks (the kcfg cache directory). */
  cacheDir?: string;
}

export interface ResolvedPolicy {
  severity: SeveritySetting;
  /** True when the configuration sets the severity (which then wins over a finding's own severity). */
  explicit: boolean;
  options: Record<string, unknown>;
  exemptions: ExemptionsSetting;
}

export function loadPolicyConfig(root: string, opts: LoadPolicyConfigOptions): PolicyConfig {
  const builtins = opts.registry;
  const builtinIds = new Set<string>();
  for (const p of builtins) {
    if (RESERVED_IDS.has(p.meta.id)) throw new ConfigError(`policy id "${p.meta.id}" is reserved for the engine`);
    builtinIds.add(p.meta.id);
  }
  const rules = loadRules(root, builtinIds, opts.cacheDir);
  const policies = [...builtins, ...rules];
  // The options check below reads the option schemas and environment names: both are part of the stamp.
  const also = [
    JSON.stringify(opts.environments ?? null),
    JSON.stringify(policies.map((p) => [p.meta.id, p.optionsSchema ?? null])),
  ];
  const yf = loadYamlFile(root, POLICY_CONFIG_FILE, {
    schema: POLICY_CONFIG_SCHEMA,
    cacheDir: opts.cacheDir,
    also,
    allowEmpty: true,
  });
  const config: PolicyConfig = {
    policies,
    settings: {},
    environments: {},
    codes: {},
    environmentCodes: {},
    baseline: loadBaseline(root, opts.cacheDir),
  };
  if (!yf) {
    checkOptions(config);
    return config;
  }
  config.file = yf.file;
  if (yf.value !== null && yf.value !== undefined) {
    const raw = yf.value as RawPolicyConfig;
    const known = new Set(policies.map((p) => p.meta.id));
    config.settings = normalise(raw.policies ?? {}, '/policies', known, yf);
    Object.assign(config, readCodeSettings(raw, yf, opts.environments));
    for (const [env, block] of Object.entries(raw.environments ?? {})) {
      config.environments[env] = normalise(
        block.policies ?? {},
        `/environments/${escapePointer(env)}/policies`,
        known,
        yf,
      );
    }
  }
  if (!yf.checkedBefore) {
    checkOptions(config, yf);
    yf.passed();
  }
  return config;
}

interface RawPolicyConfig {
  policies?: Record<string, unknown>;
  codes?: Record<string, SeveritySetting>;
  environments?: Record<string, { policies?: Record<string, unknown>; codes?: Record<string, SeveritySetting> }>;
}

/**
 * Only the code severities of policies/config.yaml, for runs without the policy stage (`kcfg validate`): the
 * file is held to its schema and the `codes:` blocks to the registry, but the policies are not loaded.
 */
export function loadCodeSettings(root: string, opts: Omit<LoadPolicyConfigOptions, 'registry'>): CodeSettings {
  const yf = loadYamlFile(root, POLICY_CONFIG_FILE, {
    schema: POLICY_CONFIG_SCHEMA,
    cacheDir: opts.cacheDir,
    // A stamp of its own: this check is not the whole one loadPolicyConfig makes.
    also: ['codes only', JSON.stringify(opts.environments ?? null)],
    allowEmpty: true,
  });
  const value = yf?.value as RawPolicyConfig | null | undefined;
  if (!yf || !value) return { codes: {}, environmentCodes: {} };
  const settings = readCodeSettings(value, yf, opts.environments);
  yf.passed();
  return settings;
}

/** The `codes:` blocks, checked: codes from the registry, environment keys that name an environment. */
function readCodeSettings(
  raw: RawPolicyConfig,
  yf: YamlFile,
  environments: readonly string[] | undefined,
): CodeSettings {
  const out: CodeSettings = { codes: codeSettings(raw.codes ?? {}, '/codes', yf), environmentCodes: {} };
  for (const [env, block] of Object.entries(raw.environments ?? {})) {
    const match = isGlob(env) ? globMatcher(env) : (e: string): boolean => e === env;
    if (environments && !environments.some((e) => match(e))) {
      throw new ConfigError(
        isGlob(env) ? `"${env}" matches no environment` : `unknown environment "${env}"`,
        yf.locate(`/environments/${escapePointer(env)}`),
        `environments are: ${environments.join(', ')}`,
      );
    }
    if (block.codes)
      out.environmentCodes[env] = codeSettings(block.codes, `/environments/${escapePointer(env)}/codes`, yf);
  }
  return out;
}

function normalise(
  raw: Record<string, unknown>,
  base: string,
  known: Set<string>,
  yf: YamlFile,
): Record<string, PolicySetting> {
  const out: Record<string, PolicySetting> = {};
  for (const [id, value] of Object.entries(raw)) {
    if (!known.has(id)) {
      const near = closest(id, known);
      throw new ConfigError(
        `unknown policy "${id}"`,
        yf.locate(`${base}/${escapePointer(id)}`),
        near ? `did you mean ${near}?` : 'run `kcfg policies` to list them',
      );
    }
    out[id] = typeof value === 'string' ? { severity: value as SeveritySetting } : (value as PolicySetting);
  }
  return out;
}

function codeSettings(
  raw: Record<string, SeveritySetting>,
  base: string,
  yf: YamlFile,
): Record<string, SeveritySetting> {
  for (const code of Object.keys(raw)) {
    const where = yf.locate(`${base}/${escapePointer(code)}`);
    if (code.startsWith('policy/') && !isCode(code))
      throw new ConfigError(`"${code}" is a policy`, where, `set its severity under policies: ${code.slice(7)}`);
    if (!isCode(code)) {
      const near = closest(code, new Set(Object.keys(CODES)));
      throw new ConfigError(
        `unknown finding code "${code}"`,
        where,
        near ? `did you mean ${near}?` : 'run `kcfg codes` to list them',
      );
    }
    if (CODES[code].fixedSeverity)
      throw new ConfigError(
        `the severity of ${code} cannot be changed`,
        where,
        'nothing in such an environment was checked',
      );
  }
  return raw;
}

/** The configured severity of a registry code in `env`, or undefined when the configuration does not set it. */
function resolveCodeSeverity(config: CodeSettings, code: string, env: string): SeveritySetting | undefined {
  let severity = config.codes[code];
  for (const block of environmentBlocks(config.environmentCodes, env)) severity = block[code] ?? severity;
  return severity;
}

/** Findings with the configured severity of their code in `env`; `off` drops them. Policy findings pass as they are. */
export function applyCodeSeverities<F extends { code: string; severity: Severity }>(
  config: CodeSettings,
  env: string,
  findings: F[],
): F[] {
  if (Object.keys(config.codes).length === 0 && Object.keys(config.environmentCodes).length === 0) return findings;
  const out: F[] = [];
  for (const f of findings) {
    const severity = resolveCodeSeverity(config, f.code, env);
    if (severity === 'off') continue;
    out.push(severity === undefined || severity === f.severity ? f : { ...f, severity });
  }
  return out;
}

const NO_OPTIONS = { type: 'object', maxProperties: 0 };

/** Merged options must satisfy each policy's options schema, for the base settings and every environment. */
function checkOptions(config: PolicyConfig, yf?: YamlFile): void {
  const envs = [undefined, ...Object.keys(config.environments)];
  for (const policy of config.policies) {
    // Defaults satisfy their own schema (test/policy/meta.test.ts holds every policy to that); only policies
    // whose options the configuration touches need compiling, which keeps ajv off most runs' start-up.
    const id = policy.meta.id;
    if (
      config.settings[id]?.options === undefined &&
      !Object.values(config.environments).some((e) => e[id]?.options !== undefined)
    )
      continue;
    // A policy without an options schema takes no options: a typo there must not pass silently.
    const validate = validatorFor(policy.optionsSchema ?? NO_OPTIONS);
    for (const env of envs) {
      const options = resolvePolicy(config, policy, env).options;
      if (validate(options)) continue;
      const err = validate.errors![0];
      const { pointer, text } = policy.optionsSchema
        ? describeAjvError(err)
        : { pointer: '', text: 'the policy takes no options' };
      const fromEnv = env !== undefined && config.environments[env]?.[policy.meta.id]?.options !== undefined;
      const at = fromEnv ? `/environments/${escapePointer(env)}/policies` : '/policies';
      const where = `${at}/${escapePointer(policy.meta.id)}/options${pointer}`;
      throw new ConfigError(
        `options of policy "${policy.meta.id}"${env ? ` in environment ${env}` : ''}: ${pointer ? `${pointer.slice(1)}: ` : ''}${text}`,
        yf?.locate(where),
      );
    }
  }
}

/** Severity and options of one policy in one environment (undefined: the settings every environment shares). */
export function resolvePolicy(config: PolicyConfig, policy: Policy<any>, env: string | undefined): ResolvedPolicy {
  const id = policy.meta.id;
  const base = config.settings[id];
  const overs =
    env !== undefined
      ? environmentBlocks(config.environments, env)
          .map((b) => b[id])
          .filter((o): o is PolicySetting => o !== undefined)
      : [];
  let configured = base?.severity;
  let options = deepMerge(policy.defaults as Record<string, unknown>, base?.options);
  let exemptions = base?.exemptions ?? 'allowed';
  for (const over of overs) {
    configured = over.severity ?? configured;
    options = deepMerge(options, over.options);
    exemptions = over.exemptions ?? exemptions;
  }
  // A policy that mirrors what the cluster enforces can never be exempted, whatever the configuration says.
  if (policy.meta.exemptions === 'forbidden') exemptions = 'forbidden';
  return {
    severity: configured ?? policy.meta.defaultSeverity,
    explicit: configured !== undefined,
    options,
    exemptions,
  };
}

/**
 * The `environments:` blocks that apply to `env`, weakest first: keys that are glob patterns (`prod-*`,
 * `clusters/*`) matching its name, in file order, then its own key.
 */
function environmentBlocks<T>(blocks: Record<string, T>, env: string): T[] {
  const out: T[] = [];
  for (const [key, block] of Object.entries(blocks))
    if (key !== env && isGlob(key) && globMatcher(key)(env)) out.push(block);
  const own = blocks[env];
  if (own) out.push(own);
  return out;
}

function deepMerge(a: Record<string, unknown>, b: Record<string, unknown> | undefined): Record<string, unknown> {
  if (!b) return a;
  const out: Record<string, unknown> = { ...a };
  for (const [k, v] of Object.entries(b)) {
    const prev = out[k];
    out[k] = isObject(prev) && isObject(v) ? deepMerge(prev, v) : v;
  }
  return out;
}

/** Configuration with defaults only: every built-in policy at its default severity, no baseline. */
export function defaultPolicyConfig(registry: readonly Policy<any>[]): PolicyConfig {
  return {
    policies: registry,
    settings: {},
    environments: {},
    codes: {},
    environmentCodes: {},
    baseline: { entries: [] },
  };
}
