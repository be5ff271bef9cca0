import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { POLICY_LIST } from '../../policies/index.js';
import { loadPolicyConfig, runPolicies } from '../../scripts/policy/index.js';
import { unreferencedSecrets } from '../../scripts/policy/source-secrets.js';

const root = mkdtempSync(join(tmpdir(), 'kcfg-secrets-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function write(file: string, text: string): void {
  mkdirSync(join(root, file, '..'), { recursive: true });
  writeFileSync(join(root, file), text);
}

describe('unreferencedSecrets', () => {
  write('base/kustomization.yaml', 'resources: [configmap.yaml]\n');
  write('base/configmap.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata: {a: b}\n');
  write(
    'base/old-secret.yaml',
    'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\n---\napiVersion: v1\nkind: Secret\nmetadata:\n  name: db\nstringData:\n  password: hunter2-canary\n',
  );
  write('base/empty-secret.yaml', 'apiVersion: v1\nkind: Secret\nmetadata: {name: e}\ntype: Opaque\n');

  it('reports a committed Secret with values in a file the build does not use, at its line, without the value', () => {
    const found = unreferencedSecrets({ root, files: ['base/kustomization.yaml', 'base/configmap.yaml'] });
    expect(found).toHaveLength(1);
    expect(found[0]!.source).toEqual({ file: 'base/old-secret.yaml', line: 9, column: 1 });
    expect(JSON.stringify(found)).not.toContain('hunter2-canary');
    expect(found[0]!.message).toContain('password');
  });

  it('leaves files in the build to the rendered-resource policy', () => {
    expect(
      unreferencedSecrets({ root, files: ['base/kustomization.yaml', 'base/old-secret.yaml', 'base/configmap.yaml'] }),
    ).toEqual([]);
  });

  it('reaches the report as a no-secret-data finding through the policy, with its configured severity', () => {
    const config = loadPolicyConfig(root, { registry: POLICY_LIST });
    const env = { name: 'staging', dir: 'base', kubernetesVersion: '1.32' };
    const closure = ['base/kustomization.yaml', 'base/configmap.yaml'];
    const { findings } = runPolicies({ env, resources: [], config, root, closure });
    expect(findings.map((f) => [f.code, f.severity, f.source?.file])).toEqual([
      ['policy/no-secret-data', 'error', 'base/old-secret.yaml'],
    ]);
  });
});
