// The check pipeline: render → validate → policies → locate → merge. `check`, `validate` and `policy`
// are this pipeline with stages switched on or off.

import type { Config } from '../config/types.js';
import { mergeDiagnostics, type Diagnostic } from '../core/diagnostic.js';
import type { RenderedEnvironment } from '../core/rendered.js';
import type { Environment, Finding } from '../core/resource.js';
import type { CodeSettings, PolicyConfig } from '../policy/index.js';
import type { UserCrds } from '../validate/index.js';
import { renderEnvironments, RENDER_FAILED } from '../render/index.js';
import { checkCacheKey, readCheckCache, writeCheckCache, type CachedCheck } from './cache.js';
import { toDiagnostic } from './locate.js';
import type { CheckResult, StageTimings } from './result.js';

export interface CheckStages {
  validate: boolean;
  policies: boolean;
}

export interface CheckRun {
  result: CheckResult;
  rendered: RenderedEnvironment[];
}

export async function runCheck(
  command: string,
  config: Config,
  envs: Environment[],
  stages: CheckStages,
  opts: { cache: boolean; today?: Date },
): Promise<CheckRun> {
  const started = performance.now();
  const today = opts.today ?? new Date();
  const modules = stageModules(stages);
  const rendered = await renderEnvironments(config, envs, { cache: opts.cache, onEngineStart: modules.preload });
  const stageMs: StageTimings = { render: performance.now() - started, validate: 0, policies: 0 };
  const diagnostics: Diagnostic[] = [];
  const skipped = new Set<string>();
  let suppressed = 0;
  const analyse = analyser(config, stages, today, stageMs, modules);

  const planned = rendered.map((r) => {
    if (r.findings.some((f) => f.code === RENDER_FAILED)) return { r, failed: true as const };
    const key = opts.cache
      ? checkCacheKey(config, r, JSON.stringify(stages), today.toISOString().slice(0, 10))
      : undefined;
    return { r, failed: false as const, key, hit: key ? readCheckCache(config, key, r.resources) : undefined };
  });
  // Loading a stage's modules is mostly waiting on file reads: start them together once any analysis is due.
  if (planned.some((p) => !p.failed && !p.hit)) modules.preload();

  for (const p of planned) {
    const r = p.r;
    let checked: CachedCheck = { findings: [], suppressed: 0, skippedRules: [] };
    if (!p.failed) {
      checked = p.hit ?? (await analyse(r));
      if (p.key && !p.hit) writeCheckCache(config, p.key, r.resources, checked);
    }
    suppressed += checked.suppressed;
    for (const s of checked.skippedRules) skipped.add(s);
    // A rendered environment's own findings (silent no-ops, unreadable output) went through the analysis, so
    // their code severities apply; a failed render's are reported as they are.
    for (const f of [...(p.failed ? r.findings : []), ...checked.findings])
      diagnostics.push(toDiagnostic(f, r.env.name, r.locator));
  }

  const first = rendered[0];
  return {
    rendered,
    result: {
      command,
      ...(first ? { engine: first.engine } : {}),
      environments: rendered.map((r) => ({
        name: r.env.name,
        dir: r.env.dir,
        kubernetesVersion: r.env.kubernetesVersion,
        resources: r.resources.length,
        cached: r.cached,
      })),
      diagnostics: mergeDiagnostics(diagnostics),
      suppressed,
      skippedRules: [...skipped].sort(),
      durationMs: performance.now() - started,
      stageMs,
    },
  };
}

interface StageModules {
  validate(): Promise<typeof import('../validate/index.js')>;
  policy(): Promise<typeof import('../policy/index.js')>;
  policies(): Promise<typeof import('../../policies/index.js')>;
  /** Start loading what the stages need, all at once: while Kustomize runs, or as soon as analysis is due. */
  preload: () => void;
}

/**
 * The analysis modules, imported on first use: a run answered from the check cache never loads ajv, CEL or
 * the policies. Otherwise both stages' modules load together (their file reads overlap), during the render
 * when there is one.
 */
function stageModules(stages: CheckStages): StageModules {
  let validate: ReturnType<StageModules['validate']> | undefined;
  let policy: ReturnType<StageModules['policy']> | undefined;
  let policies: ReturnType<StageModules['policies']> | undefined;
  const m: StageModules = {
    validate: () => (validate ??= import('../validate/index.js')),
    policy: () => (policy ??= import('../policy/index.js')),
    policies: () => (policies ??= import('../../policies/index.js')),
    preload: () => {
      // A failed import is reported where the stage awaits it, not as an unhandled rejection here.
      if (stages.validate) m.validate().catch(() => undefined);
      // The policy stage module also reads the code severities that validation findings take.
      m.policy().catch(() => undefined);
      if (stages.policies) m.policies().catch(() => undefined);
    },
  };
  return m;
}

/** Validation and policies for one environment. */
function analyser(
  config: Config,
  stages: CheckStages,
  today: Date,
  stageMs: StageTimings,
  modules: StageModules,
): (r: RenderedEnvironment) => Promise<CachedCheck> {
  let policyConfig: PolicyConfig | undefined;
  let codeSettings: CodeSettings | undefined;
  const fileOptions = { environments: config.environments.map((e) => e.name), cacheDir: config.cacheDir };
  const loadConfig = async (): Promise<PolicyConfig> => {
    if (policyConfig) return policyConfig;
    const [{ loadPolicyConfig }, { POLICY_LIST }] = await Promise.all([modules.policy(), modules.policies()]);
    return (policyConfig = loadPolicyConfig(config.root, { registry: POLICY_LIST, ...fileOptions }));
  };
  // policies/config.yaml also sets the severity of validation codes; without the policy stage only that part
  // is read, and the policies themselves stay unloaded.
  const loadCodeSeverities = async (): Promise<CodeSettings> => {
    if (stages.policies) return loadConfig();
    return (codeSettings ??= (await modules.policy()).loadCodeSettings(config.root, fileOptions));
  };
  let userCrds: UserCrds | undefined;
  return async (r) => {
    const findings: Finding[] = [...r.findings];
    const skippedRules: string[] = [];
    let suppressed = 0;
    let t = performance.now();
    if (stages.validate) {
      const { isKustomizationFile, loadUserCrds, validateEnvironment, validateKustomizationFiles } =
        await modules.validate();
      userCrds ??= loadUserCrds(config.root, config.schemas.crds);
      const v = validateEnvironment(r, {
        kubernetesVersion: r.env.kubernetesVersion,
        allowUnknownKinds: config.schemas.allowUnknownKinds,
        cacheDir: config.cacheDir,
        root: config.root,
        crds: userCrds.resources,
      });
      // Problems of the CRD files are the same in every environment; merging lists them once.
      findings.push(...userCrds.findings, ...v.findings);
      skippedRules.push(...v.skippedRules);
      // A kustomization shared by several environments yields the same finding in each; merging lists them all.
      findings.push(
        ...validateKustomizationFiles(config.root, r.closure.filter(isKustomizationFile), {
          cacheDir: config.cacheDir,
        }),
      );
      stageMs.validate += performance.now() - t;
      t = performance.now();
    }
    if (stages.policies) {
      const { runPolicies } = await modules.policy();
      const p = runPolicies({
        env: r.env,
        resources: r.resources,
        config: await loadConfig(),
        root: config.root,
        closure: r.closure,
        today,
      });
      findings.push(...p.findings);
      suppressed += p.suppressed.length;
      stageMs.policies += performance.now() - t;
    }
    const { applyCodeSeverities } = await modules.policy();
    const severities = await loadCodeSeverities();
    return { findings: applyCodeSeverities(severities, r.env.name, findings), suppressed, skippedRules };
  };
}
