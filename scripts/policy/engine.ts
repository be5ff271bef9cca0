// Runs every enabled policy over one environment, then applies severities, exemptions and the baseline.

import type { Severity } from '../core/diagnostic.js';
import { EngineError, KcfgError } from '../core/errors.js';
import type { Environment, Finding, Resource } from '../core/resource.js';
import { baselineKey, entryMatches, indexBaseline, type BaselineEntry } from './baseline.js';
import { loadPolicyConfig, resolvePolicy, type PolicyConfig } from './config.js';
import { coveringExemption, exemptionsOf, type ResourceExemptions } from './exemptions.js';
import type { Policy, PolicyContext, PolicyFinding } from './types.js';

export interface PolicyRunInput {
  env: Environment;
  resources: readonly Resource[];
  /** Loaded configuration; loaded from `root` when absent. */
  config?: PolicyConfig;
  root: string;
  /** The day baseline expiry is judged against (UTC); now by default. */
  today?: Date;
}

export interface SuppressedFinding {
  finding: Finding;
  by: 'exemption' | 'baseline';
  reason: string;
}

export interface PolicyRunResult {
  findings: Finding[];
  /** Findings an exemption annotation or a baseline entry accepted: not reported, but counted. */
  suppressed: SuppressedFinding[];
}

const EMPTY: readonly Resource[] = Object.freeze([]);

export function runPolicies(input: PolicyRunInput): PolicyRunResult {
  const config = input.config ?? loadPolicyConfig(input.root);
  const env = input.env;
  // A fresh array per run: policies cache derived indexes by this identity.
  const resources = input.resources.slice();
  const kinds = new Map<string, Resource[]>();
  for (const r of resources) {
    const list = kinds.get(r.kind);
    if (list) list.push(r);
    else kinds.set(r.kind, [r]);
  }
  const byKind = (kind: string): readonly Resource[] => kinds.get(kind) ?? EMPTY;
  const known = new Set(config.policies.map((p) => p.meta.id));

  const findings: Finding[] = [];
  const suppressed: SuppressedFinding[] = [];

  const exemptionCache = new Map<Resource, ResourceExemptions>();
  const exemptions = (r: Resource): ResourceExemptions => {
    let e = exemptionCache.get(r);
    if (!e) {
      e = exemptionsOf(r, known);
      exemptionCache.set(r, e);
    }
    return e;
  };

  const today = (input.today ?? new Date()).toISOString().slice(0, 10);
  const baseline = indexBaseline(config.baseline, env.name);
  const matched = new Set<BaselineEntry>();

  for (const policy of config.policies) {
    const resolved = resolvePolicy(config, policy, env.name);
    if (resolved.severity === 'off') continue;
    const ctx: PolicyContext<any> = { env, resources, byKind, options: resolved.options };
    const raw = runOne(policy, ctx);
    const id = policy.meta.id;
    for (const pf of raw) {
      const severity: Severity = resolved.explicit
        ? (resolved.severity as Severity)
        : (pf.severity ?? (resolved.severity as Severity));
      const finding: Finding = {
        code: `policy/${id}`,
        severity,
        message: pf.message,
        subject: pf.subject,
        pointer: pf.pointer,
        docs: policy.meta.docs,
        ...(pf.hint !== undefined ? { hint: pf.hint } : {}),
      };
      const exemption = coveringExemption(exemptions(pf.subject), id, pf.container);
      if (exemption) {
        suppressed.push({ finding, by: 'exemption', reason: exemption.reason });
        continue;
      }
      const entry = baselineEntryFor(baseline, id, pf, today);
      if (entry) {
        matched.add(entry);
        if (entry.expires >= today) {
          suppressed.push({ finding, by: 'baseline', reason: entry.reason });
          continue;
        }
      }
      findings.push(finding);
    }
  }

  for (const r of resources) {
    for (const p of exemptions(r).problems) {
      findings.push({
        code: 'policy/invalid-exemption',
        severity: 'error',
        message: p.message,
        subject: r,
        pointer: p.pointer,
        hint: p.hint,
        docs: 'docs/policies/README.md#exemptions',
      });
    }
  }

  for (const entries of baseline.values()) {
    for (const e of entries) {
      const what = `baseline entry for ${e.policy} on ${e.resource}${e.container ? ` (container ${e.container})` : ''}`;
      if (!matched.has(e)) {
        findings.push({
          code: 'policy/baseline-stale',
          severity: 'info',
          message: `${what} matches no finding${e.expires < today ? ` (and expired on ${e.expires})` : ''}`,
          source: e.location,
          hint: 'remove the entry from the baseline',
          docs: 'docs/policies/README.md#baseline',
        });
      } else if (e.expires < today) {
        findings.push({
          code: 'policy/baseline-expired',
          severity: 'warning',
          message: `${what} expired on ${e.expires}; its findings count again`,
          source: e.location,
          hint: 'fix the findings, or extend the expiry date with a reason',
          docs: 'docs/policies/README.md#baseline',
        });
      }
    }
  }
  return { findings, suppressed };
}

function runOne(policy: Policy<any>, ctx: PolicyContext<any>): PolicyFinding[] {
  try {
    return policy.check(ctx);
  } catch (e) {
    if (e instanceof KcfgError) throw e;
    throw new EngineError(
      `policy ${policy.meta.id} failed in environment ${ctx.env.name}: ${e instanceof Error ? e.message : String(e)}`,
      'this is a bug in the policy; exempt nothing, report it',
    );
  }
}

function baselineEntryFor(
  index: Map<string, BaselineEntry[]>,
  policy: string,
  pf: PolicyFinding,
  today: string,
): BaselineEntry | undefined {
  if (index.size === 0) return undefined;
  const id = pf.subject.id;
  const list = index.get(baselineKey(policy, id.kind, id.namespace ?? '', id.name));
  if (!list) return undefined;
  // An unexpired entry wins over an expired one for the same finding.
  let expired: BaselineEntry | undefined;
  for (const e of list) {
    if (!entryMatches(e, pf.subject, pf.container, pf.pointer)) continue;
    if (e.expires >= today) return e;
    expired ??= e;
  }
  return expired;
}
