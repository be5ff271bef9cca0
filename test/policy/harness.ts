// Table-test harness for policies: YAML in, findings out, through the real engine.

import { expect, it } from 'vitest';
import { ConfigError } from '../../scripts/core/errors.js';
import type { Environment, Finding, Resource } from '../../scripts/core/resource.js';
import { defaultPolicyConfig, type PolicyConfig } from '../../scripts/policy/config.js';
import { runPolicies, type PolicyRunResult } from '../../scripts/policy/engine.js';
import type { Policy } from '../../scripts/policy/types.js';
import { buildResources } from '../../scripts/resources/build.js';
import { parseStream } from '../../scripts/resources/parse.js';

export const ENV: Environment = { name: 'production', dir: 'overlays/production', kubernetesVersion: '1.32' };

export function resources(yaml: string, env = ENV.name): Resource[] {
  const parsed = parseStream(yaml, 'test.yaml');
  if (parsed.findings.length) throw new Error(parsed.findings.map((f) => f.message).join('\n'));
  return buildResources(parsed.documents, env).resources;
}

export function run(
  policy: Policy<any>,
  yaml: string,
  options?: Record<string, unknown>,
  config?: Partial<PolicyConfig>,
): PolicyRunResult {
  const base = defaultPolicyConfig([policy]);
  const cfg: PolicyConfig = { ...base, ...(options ? { settings: { [policy.meta.id]: { options } } } : {}), ...config };
  return runPolicies({ env: ENV, resources: resources(yaml), config: cfg, root: '/nonexistent' });
}

export interface Expected {
  pointer: string;
  /** Substring or pattern the message must contain. */
  message?: string | RegExp;
  resource?: string;
  severity?: Finding['severity'];
}

export interface Case {
  name: string;
  yaml: string;
  options?: Record<string, unknown>;
}

export interface InvalidCase extends Case {
  findings: Expected[];
}

export function summarise(
  findings: Finding[],
): { code: string; pointer: string | undefined; resource: string | undefined; message: string; severity: string }[] {
  return findings.map((f) => ({
    code: f.code,
    pointer: f.pointer,
    resource: f.subject ? `${f.subject.kind}/${f.subject.id.name}` : undefined,
    message: f.message,
    severity: f.severity,
  }));
}

/** valid: no findings; invalid: exactly the expected findings (pointer, and message/resource when given). */
export function table(policy: Policy<any>, cases: { valid: Case[]; invalid: InvalidCase[] }): void {
  for (const c of cases.valid) {
    it(`valid: ${c.name}`, () => {
      const { findings } = run(policy, c.yaml, c.options);
      expect(summarise(findings)).toEqual([]);
    });
  }
  for (const c of cases.invalid) {
    it(`invalid: ${c.name}`, () => {
      const { findings } = run(policy, c.yaml, c.options);
      const got = summarise(findings);
      expect(got.map((f) => f.pointer)).toEqual(c.findings.map((e) => e.pointer));
      got.forEach((f, i) => {
        const e = c.findings[i]!;
        expect(f.code).toBe(`policy/${policy.meta.id}`);
        if (e.message !== undefined) expect(f.message).toMatch(e.message);
        if (e.resource !== undefined) expect(f.resource).toBe(e.resource);
        if (e.severity !== undefined) expect(f.severity).toBe(e.severity);
      });
    });
  }
}

/** A Deployment whose pod spec and first container are given as YAML fragments (indented by the caller). */
export function deployment(podSpec: string, name = 'web'): string {
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
  namespace: shop
spec:
  selector:
    matchLabels: { app: ${name} }
  template:
    metadata:
      labels: { app: ${name} }
    spec:
${indent(podSpec, 6)}
`;
}

export function indent(text: string, n: number): string {
  const lines = text.replace(/^\n+/, '').replace(/\s+$/, '').split('\n');
  const min = Math.min(...lines.filter((l) => l.trim()).map((l) => l.length - l.trimStart().length));
  const pad = ' '.repeat(n);
  return lines.map((l) => (l.trim() ? pad + l.slice(min) : '')).join('\n');
}

/** The ConfigError `fn` throws; anything else (or nothing) fails the test. */
export function configError(fn: () => unknown): ConfigError {
  try {
    fn();
  } catch (e) {
    if (e instanceof ConfigError) return e;
    throw e;
  }
  throw new Error('expected a ConfigError');
}
