import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { POLICY_LIST } from '../../policies/index.js';
import readOnly from '../../policies/read-only-root-filesystem.js';
import resourceBounds from '../../policies/resource-bounds.js';
import runAsNonRoot from '../../policies/run-as-non-root.js';
import { EngineError } from '../../scripts/core/errors.js';
import {
  defaultPolicyConfig,
  loadCodeSettings,
  loadPolicyConfig,
  resolvePolicy,
  type PolicyConfig,
} from '../../scripts/policy/config.js';
import { runPolicies } from '../../scripts/policy/engine.js';
import { parseExemptionValue } from '../../scripts/policy/exemptions.js';
import { listPolicies } from '../../scripts/policy/list.js';
import type { Policy } from '../../scripts/policy/types.js';
import { configError, deployment, ENV, resources, summarise } from './harness.js';

function repo(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'kcfg-policy-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

const ROOTY = deployment(`
  containers:
    - { name: app, image: nginx }
    - { name: side, image: envoy, securityContext: { runAsNonRoot: true } }`);

function runWith(config: PolicyConfig, yaml: string, env = ENV, today?: Date) {
  return runPolicies({
    env,
    resources: resources(yaml, env.name),
    config,
    root: '/nonexistent',
    ...(today ? { today } : {}),
  });
}

describe('severity and options', () => {
  const only = (policies: Policy<any>[], extra: Partial<PolicyConfig> = {}): PolicyConfig => ({
    ...defaultPolicyConfig(policies),
    ...extra,
  });

  it('uses the default severity, a configured one, and the environment override', () => {
    expect(runWith(only([runAsNonRoot]), ROOTY).findings.map((f) => f.severity)).toEqual(['error']);
    const cfg = only([runAsNonRoot], {
      settings: { 'run-as-non-root': { severity: 'warning' } },
      environments: { staging: { 'run-as-non-root': { severity: 'info' } } },
    });
    expect(runWith(cfg, ROOTY).findings.map((f) => f.severity)).toEqual(['warning']);
    expect(runWith(cfg, ROOTY, { ...ENV, name: 'staging' }).findings.map((f) => f.severity)).toEqual(['info']);
  });

  it('off disables a policy, per environment', () => {
    const cfg = only([runAsNonRoot], { environments: { staging: { 'run-as-non-root': { severity: 'off' } } } });
    expect(runWith(cfg, ROOTY, { ...ENV, name: 'staging' }).findings).toEqual([]);
    expect(runWith(cfg, ROOTY).findings).toHaveLength(1);
  });

  it("keeps a finding's own severity unless the configuration sets one", () => {
    const mixed: Policy<Record<string, never>> = {
      ...runAsNonRoot,
      meta: { ...runAsNonRoot.meta, id: 'mixed' },
      check: (ctx) =>
        ctx.resources.map((subject) => ({ subject, pointer: '', message: 'm', severity: 'warning' as const })),
    };
    expect(runWith(only([mixed]), ROOTY).findings[0]!.severity).toBe('warning');
    expect(runWith(only([mixed], { settings: { mixed: { severity: 'error' } } }), ROOTY).findings[0]!.severity).toBe(
      'error',
    );
  });

  it('merges options: defaults, then shared settings, then the environment', () => {
    const yaml = deployment(
      `containers: [{ name: app, image: nginx, resources: { requests: { cpu: 10m, memory: 32Mi } } }]`,
    );
    const cfg = only([resourceBounds], {
      settings: { 'resource-bounds': { options: { requests: { memory: { max: '1Gi' } } } } },
      environments: {
        production: { 'resource-bounds': { options: { requests: { cpu: { min: '50m' }, memory: { min: '64Mi' } } } } },
      },
    });
    expect(runWith(cfg, yaml, { ...ENV, name: 'staging' }).findings).toEqual([]);
    expect(runWith(cfg, yaml).findings.map((f) => f.message)).toEqual([
      'container "app" cpu request 10m is below the floor 50m for environment production',
      'container "app" memory request 32Mi is below the floor 64Mi for environment production',
    ]);
  });

  it('shapes findings: code, subject, pointer, docs', () => {
    const [f] = runWith(only([runAsNonRoot]), ROOTY).findings;
    expect(f).toMatchObject({
      code: 'policy/run-as-non-root',
      pointer: '/spec/template/spec/containers/0/securityContext/runAsNonRoot',
      docs: 'docs/policies/run-as-non-root.md',
    });
    expect(f!.subject?.id.name).toBe('web');
    expect(f!.hint).toBeTruthy();
  });
});

describe('exemptions', () => {
  const cfg = defaultPolicyConfig([runAsNonRoot, readOnly]);
  const annotated = (
    where: 'metadata' | 'template',
    value: string,
    key = 'kcfg.dev/exempt.run-as-non-root',
  ): string => {
    const ann = `annotations: { ${JSON.stringify(key)}: ${JSON.stringify(value)} }`;
    return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: shop
  ${where === 'metadata' ? ann : ''}
spec:
  selector: { matchLabels: { app: web } }
  template:
    metadata:
      labels: { app: web }
      ${where === 'template' ? ann : ''}
    spec:
      containers:
        - { name: app, image: nginx, securityContext: { readOnlyRootFilesystem: true } }
        - { name: side, image: envoy, securityContext: { readOnlyRootFilesystem: true } }
`;
  };

  it.each([
    ['plain reason', 'legacy image, tracked in OPS-12', { reason: 'legacy image, tracked in OPS-12' }],
    ['reason= form', 'reason=legacy image', { reason: 'legacy image' }],
    [
      'containers',
      'containers=a, b; reason=needs root; really',
      { reason: 'needs root; really', containers: ['a', 'b'] },
    ],
    ['empty', '   ', { error: 'has no reason' }],
    ['empty reason', 'containers=a; reason= ', { error: 'has an empty reason' }],
    ['no reason part', 'containers=a', { error: 'has "containers=" but no "; reason=<why>"' }],
    ['no containers', 'containers=; reason=x', { error: 'names no containers after "containers="' }],
  ])('parses %s', (_name, value, expected) => {
    expect(parseExemptionValue(value)).toEqual(expected);
  });

  it('a whole-resource exemption on the resource or the pod template suppresses and counts', () => {
    for (const where of ['metadata', 'template'] as const) {
      const r = runWith(cfg, annotated(where, 'vendor image runs as root; OPS-12'));
      expect(r.findings).toEqual([]);
      expect(r.suppressed.map((s) => [s.by, s.reason, s.finding.code])).toEqual([
        ['exemption', 'vendor image runs as root; OPS-12', 'policy/run-as-non-root'],
        ['exemption', 'vendor image runs as root; OPS-12', 'policy/run-as-non-root'],
      ]);
    }
  });

  it('a per-container exemption covers only the containers it names', () => {
    const r = runWith(cfg, annotated('template', 'containers=side; reason=envoy image needs root'));
    expect(summarise(r.findings).map((f) => f.pointer)).toEqual([
      '/spec/template/spec/containers/0/securityContext/runAsNonRoot',
    ]);
    expect(r.suppressed).toHaveLength(1);
    expect(r.suppressed[0]!.finding.pointer).toBe('/spec/template/spec/containers/1/securityContext/runAsNonRoot');
  });

  it('an exemption does not cover other policies', () => {
    const yaml = annotated('metadata', 'reason', 'kcfg.dev/exempt.read-only-root-filesystem');
    expect(runWith(cfg, yaml).findings.map((f) => f.code)).toEqual([
      'policy/run-as-non-root',
      'policy/run-as-non-root',
    ]);
  });

  it.each([
    [
      'no reason',
      'metadata',
      '',
      'kcfg.dev/exempt.run-as-non-root',
      /has no reason/,
      '/metadata/annotations/kcfg.dev~1exempt.run-as-non-root',
    ],
    [
      'unknown policy',
      'template',
      'because',
      'kcfg.dev/exempt.run-as-nonroot',
      /unknown policy "run-as-nonroot"/,
      '/spec/template/metadata/annotations/kcfg.dev~1exempt.run-as-nonroot',
    ],
    [
      'unknown container',
      'template',
      'containers=sidecar; reason=x',
      'kcfg.dev/exempt.run-as-non-root',
      /container "sidecar" that the pod does not have/,
      '/spec/template/metadata/annotations/kcfg.dev~1exempt.run-as-non-root',
    ],
  ] as const)(
    'an invalid exemption (%s) is an error finding at the annotation and exempts nothing',
    (name, where, value, key, message, pointer) => {
      const r = runWith(cfg, annotated(where, value, key));
      const invalid = r.findings.filter((f) => f.code === 'policy/invalid-exemption');
      expect(invalid).toHaveLength(1);
      expect(invalid[0]).toMatchObject({ severity: 'error', pointer });
      expect(invalid[0]!.message).toMatch(message);
      expect(r.findings.filter((f) => f.code === 'policy/run-as-non-root')).toHaveLength(2);
      if (name === 'unknown policy') expect(invalid[0]!.hint).toBe('did you mean kcfg.dev/exempt.run-as-non-root?');
    },
  );

  it('an exemption naming a policy that is off is still valid', () => {
    const off = { ...cfg, settings: { 'run-as-non-root': { severity: 'off' as const } } };
    expect(runWith(off, annotated('metadata', 'reason')).findings).toEqual([]);
  });
});

describe('baseline', () => {
  const load = (entries: string): PolicyConfig =>
    loadPolicyConfig(
      repo({ 'policies/baseline.yaml': `$schema: ../schemas/kcfg-baseline.schema.json\nentries:\n${entries}` }),
      { registry: [runAsNonRoot] },
    );
  const today = new Date('2025-06-15T12:00:00Z');

  it('suppresses matching findings until the expiry day, inclusive', () => {
    const cfg = load(
      `  - { policy: run-as-non-root, resource: Deployment/shop/web, reason: migrating, expires: 2025-06-15 }\n`,
    );
    const r = runWith(cfg, ROOTY, ENV, today);
    expect(r.findings).toEqual([]);
    expect(r.suppressed.map((s) => [s.by, s.reason])).toEqual([['baseline', 'migrating']]);
  });

  it('after expiry the finding counts again and a warning points at the entry', () => {
    const cfg = load(
      `  - policy: run-as-non-root\n    resource: Deployment/shop/web\n    reason: migrating\n    expires: 2025-06-14\n`,
    );
    const r = runWith(cfg, ROOTY, ENV, today);
    expect(r.findings.map((f) => [f.code, f.severity])).toEqual([
      ['policy/run-as-non-root', 'error'],
      ['policy/baseline-expired', 'warning'],
    ]);
    expect(r.findings[1]!.source).toMatchObject({ file: 'policies/baseline.yaml', line: 3 });
    expect(r.findings[1]!.message).toContain('expired on 2025-06-14');
  });

  it('matches container, pointer and environment when given; unmatched entries are stale', () => {
    const cfg = load(
      [
        '  - { policy: run-as-non-root, resource: Deployment/shop/web, container: app, reason: r, expires: 2099-01-01 }',
        '  - { policy: run-as-non-root, resource: Deployment/shop/web, container: side, reason: r, expires: 2099-01-01 }',
        '  - { policy: run-as-non-root, environment: staging, resource: Deployment/shop/other, reason: r, expires: 2099-01-01 }',
        '  - { policy: run-as-non-root, resource: Deployment/shop/web, pointer: /nope, reason: r, expires: 2099-01-01 }',
        '',
      ].join('\n'),
    );
    const r = runWith(cfg, ROOTY, ENV, today);
    expect(r.suppressed).toHaveLength(1);
    // The side entry matches nothing (side already runs as non-root); the staging one does not apply here.
    expect(r.findings.map((f) => [f.code, f.severity, f.source?.line])).toEqual([
      ['policy/baseline-stale', 'info', 4],
      ['policy/baseline-stale', 'info', 6],
    ]);
  });

  it('rejects entries without a reason or with an impossible date, at the line', () => {
    expect(
      configError(() => load(`  - { policy: run-as-non-root, resource: Deployment/shop/web, expires: 2025-01-01 }\n`))
        .message,
    ).toMatch(/missing required key "reason"/);
    const e = configError(() =>
      load(`  - policy: run-as-non-root\n    resource: Deployment/shop/web\n    reason: r\n    expires: 2025-02-30\n`),
    );
    expect(e.message).toMatch(/not a calendar date/);
    expect(e.location).toMatchObject({ file: 'policies/baseline.yaml', line: 6 });
  });
});

describe('exemptions: forbidden', () => {
  const root = (): string =>
    repo({
      'policies/config.yaml': [
        'policies:',
        '  run-as-non-root: { exemptions: forbidden }',
        'environments:',
        '  staging:',
        '    policies:',
        '      run-as-non-root: { exemptions: allowed }',
        '',
      ].join('\n'),
      'policies/baseline.yaml': [
        '$schema: ../schemas/kcfg-baseline.schema.json',
        'entries:',
        '  - { policy: run-as-non-root, resource: Deployment/shop/web, container: app, reason: r, expires: 2099-01-01 }',
        '',
      ].join('\n'),
    });
  const exempted = ROOTY.replace(
    'namespace: shop',
    'namespace: shop\n  annotations: { kcfg.dev/exempt.run-as-non-root: "containers=side; reason=vendor image" }',
  );

  it('an exemption annotation or baseline entry suppresses nothing and is itself an error, per environment', () => {
    const cfg = loadPolicyConfig(root(), { registry: [runAsNonRoot], environments: ['production', 'staging'] });
    const prod = runWith(cfg, exempted);
    expect(prod.suppressed).toEqual([]);
    expect(prod.findings.map((f) => [f.code, f.severity, f.pointer ?? f.source?.line])).toEqual([
      ['policy/run-as-non-root', 'error', '/spec/template/spec/containers/0/securityContext/runAsNonRoot'],
      ['policy/exemption-forbidden', 'error', '/metadata/annotations/kcfg.dev~1exempt.run-as-non-root'],
      ['policy/exemption-forbidden', 'error', 3],
    ]);
    expect(prod.findings[2]!.message).toBe(
      'baseline entry for run-as-non-root suppresses nothing: exemptions of run-as-non-root are forbidden in production',
    );
    // staging allows them again: the baseline entry suppresses the finding, nothing else is reported.
    const staging = runWith(cfg, exempted, { ...ENV, name: 'staging' });
    expect(staging.findings).toEqual([]);
    expect(staging.suppressed.map((x) => x.by)).toEqual(['baseline']);
  });

  it('a bad value is a configuration error at its line', () => {
    const dir = repo({ 'policies/config.yaml': 'policies:\n  run-as-non-root: { exemptions: never }\n' });
    const e = configError(() => loadPolicyConfig(dir, { registry: [runAsNonRoot] }));
    expect(e.location).toMatchObject({ file: 'policies/config.yaml', line: 2 });
  });
});

describe('configuration file', () => {
  it('the repository configuration loads', () => {
    const cfg = loadPolicyConfig(process.cwd(), { registry: POLICY_LIST, environments: ['staging', 'production'] });
    expect(cfg.file).toBe('policies/config.yaml');
    expect(cfg.policies.map((p) => p.meta.id)).toContain('ingress-class-name');
  });

  it.each([
    ['unknown policy id', 'policies:\n  run-as-nonroot: error\n', /unknown policy "run-as-nonroot"/, 2],
    [
      'bad severity',
      'policies:\n  run-as-non-root:\n    severity: fatal\n',
      /severity: must be one of "error", "warning", "info", "off"/,
      3,
    ],
    ['unknown key', 'policies:\n  run-as-non-root:\n    sevrity: error\n', /unknown key "sevrity"/, 3],
    [
      'options failing the policy schema',
      'policies:\n  cpu-limit:\n    options: { mode: sometimes }\n',
      /options of policy "cpu-limit": mode: must be one of/,
      3,
    ],
    [
      'environment options failing',
      'environments:\n  staging:\n    policies:\n      resource-bounds:\n        options:\n          requests: { cpu: { min: lots } }\n',
      /in environment staging: requests\/cpu\/min/,
      6,
    ],
    [
      'options for a policy without options',
      'policies:\n  run-as-non-root:\n    options: { strict: true }\n',
      /options of policy "run-as-non-root": the policy takes no options/,
      3,
    ],
    ['unknown environment', 'environments:\n  prod:\n    policies: {}\n', /unknown environment "prod"/, 2],
    [
      'a pattern matching no environment',
      'environments:\n  qa-*:\n    policies: {}\n',
      /"qa-\*" matches no environment/,
      2,
    ],
    ['YAML syntax', 'policies:\n  a: [\n', /./, 3],
    ['duplicate key', 'policies:\n  cpu-limit: error\n  cpu-limit: warning\n', /^duplicate key$/, 3],
    ['unknown finding code', 'codes:\n  format/prot: off\n', /unknown finding code "format\/prot"/, 2],
    ['a policy under codes', 'codes:\n  policy/cpu-limit: off\n', /"policy\/cpu-limit" is a policy/, 2],
    ['a fixed code', 'environments:\n  staging:\n    codes:\n      render/failed: off\n', /cannot be changed/, 4],
    ['a bad code severity', 'codes:\n  format/port: fatal\n', /must be one of/, 2],
    [
      'an alias bomb',
      'a: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\n',
      /refused to expand aliases/,
      1,
    ],
  ])('%s is a ConfigError at file:line', (name, text, message, line) => {
    const root = repo({ 'policies/config.yaml': text });
    const e = configError(() =>
      loadPolicyConfig(root, { registry: POLICY_LIST, environments: ['staging', 'production'] }),
    );
    expect(e.message).toMatch(message);
    expect(e.location).toMatchObject({ file: 'policies/config.yaml', line });
    if (name === 'unknown policy id') expect(e.hint).toBe('did you mean run-as-non-root?');
    if (name === 'unknown finding code') expect(e.hint).toBe('did you mean format/port?');
  });

  it('without the policy stage only the code severities are read, and checked just as strictly', () => {
    const envs = { environments: ['staging', 'production'] };
    const ok = repo({
      'policies/config.yaml':
        'policies:\n  cpu-limit: warning\ncodes:\n  format/port: warning\nenvironments:\n  "prod*":\n    codes: { format/port: off }\n',
    });
    expect(loadCodeSettings(ok, envs)).toEqual({
      codes: { 'format/port': 'warning' },
      environmentCodes: { 'prod*': { 'format/port': 'off' } },
    });
    const bad = repo({ 'policies/config.yaml': 'codes:\n  format/prot: off\n' });
    const e = configError(() => loadCodeSettings(bad, envs));
    expect([e.message, e.location?.line, e.hint]).toEqual([
      'unknown finding code "format/prot"',
      2,
      'did you mean format/port?',
    ]);
    const unknownEnv = repo({ 'policies/config.yaml': 'environments:\n  qa:\n    codes: {}\n' });
    expect(configError(() => loadCodeSettings(unknownEnv, envs)).message).toBe('unknown environment "qa"');
    expect(loadCodeSettings(repo({}), envs)).toEqual({ codes: {}, environmentCodes: {} });
  });
});

describe('environment settings by pattern', () => {
  it('a glob key applies to every environment it matches; an exact key wins over it', () => {
    const root = repo({
      'policies/config.yaml': [
        'environments:',
        '  "*-eu":',
        '    policies:',
        '      liveness-probe: error',
        '      resource-bounds:',
        '        options: { requests: { cpu: { min: 10m } } }',
        '  prod-eu:',
        '    policies:',
        '      liveness-probe: info',
        '',
      ].join('\n'),
    });
    const cfg = loadPolicyConfig(root, { registry: POLICY_LIST, environments: ['prod-eu', 'staging-eu', 'prod-us'] });
    const liveness = cfg.policies.find((p) => p.meta.id === 'liveness-probe')!;
    const bounds = cfg.policies.find((p) => p.meta.id === 'resource-bounds')!;
    expect(resolvePolicy(cfg, liveness, 'staging-eu').severity).toBe('error');
    expect(resolvePolicy(cfg, liveness, 'prod-eu').severity).toBe('info');
    expect(resolvePolicy(cfg, liveness, 'prod-us').severity).toBe(liveness.meta.defaultSeverity);
    expect(resolvePolicy(cfg, bounds, 'prod-eu').options).toMatchObject({ requests: { cpu: { min: '10m' } } });
    expect(resolvePolicy(cfg, bounds, 'prod-us').options).not.toMatchObject({ requests: { cpu: { min: '10m' } } });
  });
});

describe('declarative rules', () => {
  const ingress = (cls: string) => `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: { name: web, namespace: shop }
spec:
  ${cls}
  rules: [{ host: a.example.com }]
`;

  it('the shipped rule runs through the engine with pointers from ajv', () => {
    const cfg = loadPolicyConfig(process.cwd(), { registry: POLICY_LIST });
    const r = runWith(
      { ...cfg, policies: cfg.policies.filter((p) => p.meta.id === 'ingress-class-name') },
      ingress('') + '---\n' + ingress('ingressClassName: nginx').replace('name: web', 'name: ok'),
    );
    expect(summarise(r.findings)).toEqual([
      {
        code: 'policy/ingress-class-name',
        pointer: '/spec/ingressClassName',
        resource: 'Ingress/web',
        message: 'Ingress does not set spec.ingressClassName',
        severity: 'error',
      },
    ]);
  });

  it('a rule file is checked against the rule schema and its id against the file name', () => {
    const ok =
      'id: x\ntitle: t\nseverity: error\nrationale: r\nremediation: r\nmatch: { kinds: [Service] }\nschema: { type: object }\nmessage: m\n';
    expect(
      loadPolicyConfig(repo({ 'policies/rules/x.yaml': ok }), { registry: [] }).policies.map((p) => p.meta.id),
    ).toEqual(['x']);
    expect(
      configError(() =>
        loadPolicyConfig(repo({ 'policies/rules/x.yaml': ok.replace('severity: error', 'severity: fatal') }), {
          registry: [],
        }),
      ).location,
    ).toMatchObject({ file: 'policies/rules/x.yaml', line: 3 });
    expect(
      configError(() => loadPolicyConfig(repo({ 'policies/rules/y.yaml': ok }), { registry: [] })).message,
    ).toMatch(/must equal the file name "y"/);
    expect(
      configError(() =>
        loadPolicyConfig(repo({ 'policies/rules/run-as-non-root.yaml': ok.replace('id: x', 'id: run-as-non-root') }), {
          registry: [runAsNonRoot],
        }),
      ).message,
    ).toMatch(/already taken/);
    expect(
      configError(() =>
        loadPolicyConfig(repo({ 'policies/rules/x.yaml': ok.replace('{ type: object }', '{ type: objekt }') }), {
          registry: [],
        }),
      ).message,
    ).toMatch(/does not compile/);
  });
});

describe('listPolicies', () => {
  it('lists default and effective severities per environment', () => {
    const cfg = loadPolicyConfig(process.cwd(), { registry: POLICY_LIST });
    const rows = listPolicies(cfg, ['staging', 'production']);
    expect(rows.map((r) => r.id)).toEqual(cfg.policies.map((p) => p.meta.id));
    expect(rows.find((r) => r.id === 'liveness-probe')).toMatchObject({
      defaultSeverity: 'warning',
      severity: 'warning',
      environments: { staging: 'warning', production: 'error' },
      source: 'builtin',
    });
    expect(rows.find((r) => r.id === 'ingress-class-name')).toMatchObject({
      source: 'rule',
      docs: 'policies/rules/ingress-class-name.yaml',
    });
  });
});

describe('registry', () => {
  it('every policy id is unique and kebab-case', () => {
    const ids = POLICY_LIST.map((p) => p.meta.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/);
  });
});

describe('failures', () => {
  it('a policy that throws ends the run with an EngineError naming it, not a stack trace', () => {
    const broken: Policy<Record<string, never>> = {
      ...runAsNonRoot,
      meta: { ...runAsNonRoot.meta, id: 'broken' },
      check: () => {
        throw new TypeError("Cannot read properties of undefined (reading 'x')");
      },
    };
    expect(() => runWith(defaultPolicyConfig([broken]), ROOTY)).toThrow(
      /policy broken failed in environment production: Cannot read/,
    );
    try {
      runWith(defaultPolicyConfig([broken]), ROOTY);
    } catch (e) {
      expect(e).toBeInstanceOf(EngineError);
    }
  });

  it('a reserved id cannot be a policy', () => {
    expect(
      configError(() =>
        loadPolicyConfig('/nonexistent', {
          registry: [{ ...runAsNonRoot, meta: { ...runAsNonRoot.meta, id: 'invalid-exemption' } }],
        }),
      ).message,
    ).toMatch(/reserved/);
  });
});
