// The policy files are checked thoroughly once and then remembered in the cache (core/stamp.ts); these tests
// hold the fast path to the same answers and prove an edit is always checked again.

import { existsSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import resourceBounds from '../../policies/resource-bounds.js';
import runAsNonRoot from '../../policies/run-as-non-root.js';
import { loadPolicyConfig } from '../../scripts/policy/config.js';
import { runPolicies } from '../../scripts/policy/engine.js';
import { configError, ENV, resources } from './harness.js';

const CONFIG = `policies:
  run-as-non-root: warning
  resource-bounds:
    options:
      requests: { cpu: { max: '2' } }
environments:
  production:
    policies:
      run-as-non-root: error
`;
const RULE =
  'id: svc-type\ntitle: t\nseverity: error\nrationale: r\nremediation: r\nmatch: { kinds: [Service] }\nschema: { properties: { spec: { properties: { type: { const: ClusterIP } } } } }\nmessage: Services stay internal\n';
const BASELINE =
  'entries:\n  - policy: run-as-non-root\n    resource: Deployment/apps/web\n    reason: migrating\n    expires: "2099-01-01"\n';

function repo(files: Record<string, string>): {
  root: string;
  cacheDir: string;
  write: (path: string, text: string) => void;
} {
  const root = mkdtempSync(join(tmpdir(), 'kcfg-policy-cache-'));
  const write = (path: string, text: string): void => {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  };
  for (const [path, text] of Object.entries(files)) write(path, text);
  return { root, cacheDir: join(root, '.cache'), write };
}

const load = (r: { root: string; cacheDir: string }) =>
  loadPolicyConfig(r.root, {
    registry: [runAsNonRoot, resourceBounds],
    environments: ['staging', 'production'],
    cacheDir: r.cacheDir,
  });

describe('policy configuration through the check cache', () => {
  it('a second load, from the cache, gives the same configuration and the same rule findings', () => {
    const r = repo({
      'policies/config.yaml': CONFIG,
      'policies/rules/svc-type.yaml': RULE,
      'policies/baseline.yaml': BASELINE,
    });
    const first = load(r);
    expect(readdirSync(join(r.cacheDir, 'policy-files')).length).toBe(3);
    expect(readdirSync(join(r.cacheDir, 'rules')).some((f) => f.endsWith('.cjs'))).toBe(true);
    const second = load(r);
    const strip = (c: typeof first) => ({ ...c, policies: c.policies.map((p) => p.meta.id) });
    expect(strip(second)).toEqual(strip(first));
    const svc = 'apiVersion: v1\nkind: Service\nmetadata: { name: web, namespace: apps }\nspec: { type: NodePort }\n';
    const findings = (c: typeof first) =>
      runPolicies({ env: ENV, resources: resources(svc, ENV.name), config: c, root: r.root }).findings.filter(
        (f) => f.code === 'policy/svc-type',
      );
    expect(findings(second)).toEqual(findings(first));
    expect(findings(second)).toEqual([
      expect.objectContaining({ pointer: '/spec/type', hint: expect.stringContaining('must be equal to constant') }),
    ]);
  });

  it('an edited file is checked again: schema errors, bad options and unknown policies keep their line', () => {
    const r = repo({ 'policies/config.yaml': CONFIG });
    load(r);
    r.write('policies/config.yaml', CONFIG.replace('run-as-non-root: warning', 'run-as-non-root: fatal'));
    expect(configError(() => load(r)).location).toMatchObject({ file: 'policies/config.yaml', line: 2 });
    r.write('policies/config.yaml', CONFIG.replace("max: '2'", 'max: [2]'));
    expect(configError(() => load(r)).message).toMatch(/options of policy "resource-bounds"/);
    r.write('policies/config.yaml', CONFIG.replace('run-as-non-root: error', 'run-as-nonroot: error'));
    const unknown = configError(() => load(r));
    expect(unknown.message).toBe('unknown policy "run-as-nonroot"');
    expect(unknown.location).toMatchObject({ file: 'policies/config.yaml', line: 9 });
  });

  it('a file that passed is checked again when the environments change', () => {
    const r = repo({ 'policies/config.yaml': CONFIG });
    load(r);
    const e = configError(() =>
      loadPolicyConfig(r.root, {
        registry: [runAsNonRoot, resourceBounds],
        environments: ['staging'],
        cacheDir: r.cacheDir,
      }),
    );
    expect(e.message).toBe('unknown environment "production"');
  });

  it('an edited baseline is checked again', () => {
    const r = repo({ 'policies/baseline.yaml': BASELINE });
    load(r);
    r.write('policies/baseline.yaml', BASELINE.replace('    reason: migrating\n', ''));
    expect(configError(() => load(r)).location).toMatchObject({ file: 'policies/baseline.yaml' });
  });

  it('without a cache directory nothing is written', () => {
    const r = repo({ 'policies/config.yaml': CONFIG });
    loadPolicyConfig(r.root, { registry: [runAsNonRoot, resourceBounds] });
    expect(existsSync(r.cacheDir)).toBe(false);
  });
});
