import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { unreferencedSecretFindings } from '../../scripts/check/source-secrets.js';

const root = mkdtempSync(join(tmpdir(), 'kcfg-secrets-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function write(file: string, text: string): void {
  mkdirSync(join(root, file, '..'), { recursive: true });
  writeFileSync(join(root, file), text);
}

describe('unreferencedSecretFindings', () => {
  write('base/kustomization.yaml', 'resources: [configmap.yaml]\n');
  write('base/configmap.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata: {a: b}\n');
  write(
    'base/old-secret.yaml',
    'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\n---\napiVersion: v1\nkind: Secret\nmetadata:\n  name: db\nstringData:\n  password: hunter2-canary\n',
  );
  write('base/empty-secret.yaml', 'apiVersion: v1\nkind: Secret\nmetadata: {name: e}\ntype: Opaque\n');

  it('reports a committed Secret with values in a file the build does not use, at its line, without the value', () => {
    const found = unreferencedSecretFindings(root, ['base/kustomization.yaml', 'base/configmap.yaml']);
    expect(found).toHaveLength(1);
    expect(found[0]!.source).toEqual({ file: 'base/old-secret.yaml', line: 9, column: 1 });
    expect(found[0]!.code).toBe('policy/no-secret-data');
    expect(JSON.stringify(found)).not.toContain('hunter2-canary');
    expect(found[0]!.message).toContain('password');
  });

  it('leaves files in the build to the rendered-resource policy', () => {
    expect(
      unreferencedSecretFindings(root, ['base/kustomization.yaml', 'base/old-secret.yaml', 'base/configmap.yaml']),
    ).toEqual([]);
  });
});
