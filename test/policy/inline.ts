import { describe, expect, it } from 'vitest';
import { RunIndex } from '../../scripts/policy/run-index.js';
import type { Resource } from '../../scripts/core/resource.js';
import { buildResources } from '../../scripts/resources/build.js';
import { parseStream } from '../../scripts/resources/parse.js';
import type { Policy, PolicyContext, PolicyFinding } from '../../scripts/policy/types.js';

/** Resources from inline YAML, as the render would hand them to the policies. */
export function resourcesFromYaml(yaml: string, env = 'staging'): Resource[] {
  const { documents, findings } = parseStream(yaml, `<rendered:${env}>`);
  if (findings.length) throw new Error(`bad test YAML: ${findings[0]!.message}`);
  return buildResources(documents, env).resources;
}

export function contextFor<O>(
  policy: Policy<O>,
  yaml: string,
  opts: { env?: string; options?: Partial<O> } = {},
): PolicyContext<O> {
  const env = opts.env ?? 'staging';
  const resources = resourcesFromYaml(yaml, env);
  const byKind = new Map<string, Resource[]>();
  for (const r of resources) {
    const list = byKind.get(r.kind);
    if (list) list.push(r);
    else byKind.set(r.kind, [r]);
  }
  return {
    env: { name: env, dir: `overlays/${env}`, kubernetesVersion: '1.32' },
    resources,
    byKind: (kind) => byKind.get(kind) ?? [],
    options: { ...policy.defaults, ...opts.options } as O,
    index: new RunIndex(),
    sources: { root: process.cwd(), files: [] },
  };
}

export function run<O>(
  policy: Policy<O>,
  yaml: string,
  opts: { env?: string; options?: Partial<O> } = {},
): PolicyFinding[] {
  return policy.check(contextFor(policy, yaml, opts));
}

/** What a finding says in one line: `Kind/name pointer`, for compact table expectations. */
export function brief(f: PolicyFinding): string {
  return f.subject ? `${f.subject.kind}/${f.subject.id.name} ${f.pointer}` : `${f.source.file}:${f.source.line}`;
}

/** Metadata checks every policy must pass. */
export function expectCompleteMeta(policy: Policy<any>, id: string): void {
  expect(policy.meta.id).toBe(id);
  expect(policy.meta.docs).toBe(`docs/policies/${id}.md`);
  for (const key of ['title', 'rationale', 'remediation'] as const) expect(policy.meta[key].length).toBeGreaterThan(10);
  expect(policy.meta.kinds.length).toBeGreaterThan(0);
}

/** Minimal Deployment YAML with the knobs the availability tests turn. */
export function deploy(
  name: string,
  o: {
    ns?: string;
    replicas?: number;
    labels?: string;
    spec?: string;
    extra?: string;
    kind?: string;
    image?: string;
  } = {},
): string {
  return `apiVersion: apps/v1
kind: ${o.kind ?? 'Deployment'}
metadata:
  name: ${name}
  namespace: ${o.ns ?? 'shop'}
spec:
${o.replicas !== undefined ? `  replicas: ${o.replicas}\n` : ''}${o.extra ?? ''}  selector:
    matchLabels: ${o.labels ?? `{app: ${name}}`}
  template:
    metadata:
      labels: ${o.labels ?? `{app: ${name}}`}
    spec:
${o.spec ?? ''}      containers:
        - name: app
          image: ${o.image ?? 'ghcr.io/example-org/app:1.0'}
---
`;
}

export interface Case<O> {
  name: string;
  yaml: string;
  env?: string;
  options?: Partial<O>;
}

/** typescript-eslint style table: valid cases produce no finding, invalid ones exactly the listed `Kind/name pointer`s. */
export function policyTable<O>(
  id: string,
  policy: Policy<O>,
  valid: Case<O>[],
  invalid: (Case<O> & { findings: string[]; messages?: RegExp[]; hints?: RegExp[] })[],
): void {
  describe(id, () => {
    it('has complete metadata', () => expectCompleteMeta(policy, id));
    for (const c of valid) {
      it(`valid: ${c.name}`, () => {
        expect(run(policy, c.yaml, c).map((f) => `${brief(f)}: ${f.message}`)).toEqual([]);
      });
    }
    for (const c of invalid) {
      it(`invalid: ${c.name}`, () => {
        const findings = run(policy, c.yaml, c);
        expect(findings.map(brief)).toEqual(c.findings);
        c.messages?.forEach((m, i) => expect(findings[i]?.message).toMatch(m));
        c.hints?.forEach((h, i) => expect(findings[i]?.hint).toMatch(h));
      });
    }
  });
}
