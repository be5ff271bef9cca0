// Runs every enabled policy over one environment, then applies severities, exemptions and the baseline.

import { problem } from '../codes/index.js';
import type { Severity } from '../core/diagnostic.js';
import { EngineError, KcfgError } from '../core/errors.js';
import type { Environment, Finding, Resource } from '../core/resource.js';
import { baselineKey, entryMatches, indexBaseline, type BaselineEntry } from './baseline.js';
import { resolvePolicy, type PolicyConfig } from './config.js';
import { coveringExemption, exemptionsOf, type ResourceExemptions } from './exemptions.js';
import { RunIndex } from './run-index.js';
import type { Policy, PolicyContext, PolicyFinding, ResourcePolicyFinding } from './types.js';

export interface PolicyRunInput {
  env: Environment;
  resources: readonly Resource[];
  /** Loaded configuration (loadPolicyConfig). */
  config: PolicyConfig;
  root: string;
  /** Repository-relative files the environment's build reads; none for plain manifest files. */
  closure?: readonly string[];
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
  const config = input.config;
  const env = input.env;
  const resources = input.resources;
  const index = new RunIndex();
  const sources = { root: input.root, files: input.closure ?? [] };
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

  /** Policies whose exemptions are forbidden in this environment. */
  const unexemptable = new Set<string>();
  for (const policy of config.policies) {
    const resolved = resolvePolicy(config, policy, env.name);
    if (resolved.exemptions === 'forbidden') unexemptable.add(policy.meta.id);
    if (resolved.severity === 'off') continue;
    const ctx: PolicyContext<any> = { env, resources, byKind, options: resolved.options, index, sources };
    const raw = runOne(policy, ctx);
    const id = policy.meta.id;
    for (const pf of raw) {
      const severity: Severity = pf.enforced
        ? 'error'
        : resolved.explicit
          ? resolved.severity
          : (pf.severity ?? resolved.severity);
      const hint = pf.hint !== undefined ? { hint: pf.hint } : {};
      if (!pf.subject) {
        // A repository file, not a rendered resource: no annotation can exempt it.
        findings.push({
          code: `policy/${id}`,
          severity,
          message: pf.message,
          source: pf.source,
          docs: policy.meta.docs,
          ...hint,
        });
        continue;
      }
      const finding: Finding = {
        code: `policy/${id}`,
        severity,
        message: pf.message,
        subject: pf.subject,
        pointer: pf.pointer,
        docs: policy.meta.docs,
        ...hint,
      };
      if (pf.enforced || unexemptable.has(id)) {
        // Nothing suppresses it; a baseline entry that matches is reported below as forbidden, not stale.
        const entry = baselineEntryFor(baseline, id, pf, today);
        if (entry) matched.add(entry);
        findings.push(finding);
        continue;
      }
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
    const own = exemptions(r);
    for (const p of own.problems) {
      findings.push({ ...p.problem, subject: r, pointer: p.pointer });
    }
    for (const id of unexemptable) {
      for (const e of own.byPolicy.get(id) ?? [])
        findings.push({
          ...problem('policy/exemption-forbidden', { policy: id, env: env.name, via: 'annotation' }),
          subject: r,
          pointer: e.pointer,
        });
    }
  }

  for (const entries of baseline.values()) {
    for (const e of entries) {
      const what = { policy: e.policy, resource: e.resource, ...(e.container ? { container: e.container } : {}) };
      if (unexemptable.has(e.policy)) {
        findings.push({
          ...problem('policy/exemption-forbidden', { policy: e.policy, env: env.name, via: 'baseline' }),
          source: e.location,
        });
      } else if (!matched.has(e)) {
        const expired = e.expires < today ? { expired: e.expires } : {};
        findings.push({ ...problem('policy/baseline-stale', { ...what, ...expired }), source: e.location });
      } else if (e.expires < today) {
        findings.push({ ...problem('policy/baseline-expired', { ...what, expired: e.expires }), source: e.location });
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
  pf: ResourcePolicyFinding,
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
