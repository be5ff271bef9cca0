// The check pipeline: render → validate → policies → locate → merge. `check`, `validate` and `policy`
// are this pipeline with stages switched on or off.

import type { Config } from '../config/types.js';
import { mergeDiagnostics, type Diagnostic } from '../core/diagnostic.js';
import type { RenderedEnvironment } from '../core/rendered.js';
import type { Environment, Finding } from '../core/resource.js';
import { loadPolicyConfig, runPolicies, type PolicyConfig } from '../policy/index.js';
import { renderEnvironments } from '../render/index.js';
import { isKustomizationFile, validateEnvironment, validateKustomizationFiles } from '../validate/index.js';
import { toDiagnostic } from './locate.js';
import type { CheckResult } from './result.js';

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
  // Policy configuration errors should surface before any render work.
  const policyConfig: PolicyConfig | undefined = stages.policies ? loadPolicyConfig(config.root) : undefined;
  const rendered = await renderEnvironments(config, envs, { cache: opts.cache });
  const diagnostics: Diagnostic[] = [];
  const skipped = new Set<string>();
  let suppressed = 0;

  for (const r of rendered) {
    const findings: Finding[] = [...r.findings];
    if (stages.validate) {
      const v = validateEnvironment(r, {
        kubernetesVersion: r.env.kubernetesVersion,
        allowUnknownKinds: config.schemas.allowUnknownKinds,
        cacheDir: config.cacheDir,
        root: config.root,
      });
      findings.push(...v.findings);
      for (const s of v.skippedRules) skipped.add(s);
      // A kustomization shared by several environments yields the same finding in each; merging lists them all.
      findings.push(...validateKustomizationFiles(config.root, r.closure.filter(isKustomizationFile), { cacheDir: config.cacheDir }));
    }
    if (policyConfig && !r.findings.some((f) => f.code === 'render/failed')) {
      const p = runPolicies({ env: r.env, resources: r.resources, config: policyConfig, root: config.root, ...(opts.today ? { today: opts.today } : {}) });
      findings.push(...p.findings);
      suppressed += p.suppressed.length;
    }
    for (const f of findings) diagnostics.push(toDiagnostic(f, r.env.name, r.locator));
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
    },
  };
}
