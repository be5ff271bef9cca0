// Rows for `kcfg policies`: every policy with its default and effective severities.

import type { Severity } from '../core/diagnostic.js';
import { isRulePolicy } from './rules.js';
import { resolvePolicy, type PolicyConfig, type SeveritySetting } from './config.js';

export interface PolicyRow {
  id: string;
  title: string;
  /** `builtin` for policies/<id>.ts, `rule` for policies/rules/<id>.yaml. */
  source: 'builtin' | 'rule';
  defaultSeverity: Severity;
  /** Severity shared by every environment (configuration applied). */
  severity: SeveritySetting;
  /** Effective severity per requested environment. */
  environments: Record<string, SeveritySetting>;
  docs: string;
}

export function listPolicies(config: PolicyConfig, envs: readonly string[] = []): PolicyRow[] {
  return config.policies.map((p) => {
    const environments: Record<string, SeveritySetting> = {};
    for (const env of envs) environments[env] = resolvePolicy(config, p, env).severity;
    return {
      id: p.meta.id,
      title: p.meta.title,
      source: isRulePolicy(p) ? 'rule' : 'builtin',
      defaultSeverity: p.meta.defaultSeverity,
      severity: resolvePolicy(config, p, undefined).severity,
      environments,
      docs: p.meta.docs,
    };
  });
}
