// No secret, and no placeholder for one, anywhere in the configuration the repository ships.

import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from './render.js';
import { scanConfigFile } from './secret-scan.js';

const CONFIG_DIRS = ['base', 'components', 'overlays'];

function configFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return configFiles(path);
    return /\.(ya?ml|env|properties)$/.test(e.name) ? [path] : [];
  });
}

describe('secret scanner', () => {
  const found = (file: string, text: string): string[] => scanConfigFile(file, text).map((p) => p.message);

  it.each([
    [
      'a Secret object',
      'x.yaml',
      'apiVersion: v1\nkind: Secret\nmetadata:\n  name: s\n',
      'kind: Secret committed to git',
    ],
    [
      'a Secret after another document',
      'x.yaml',
      'kind: ConfigMap\n---\nkind: Secret\nstringData: {}\n',
      'kind: Secret committed to git',
    ],
    ['an env literal', 'x.yaml', 'env:\n  - name: DB_PASSWORD\n    value: changeme\n', 'literal value for DB_PASSWORD'],
    ['a password field', 'x.yaml', 'spec:\n  password: hunter2\n', 'literal value for spec.password'],
    ['an api key field', 'x.yaml', 'apiKey: abc123\n', 'literal value for apiKey'],
    [
      'a generator env file',
      'app.env',
      'LOG_LEVEL=info\nDATABASE_PASSWORD=changeme\n',
      'literal value for DATABASE_PASSWORD',
    ],
    [
      'generator literals',
      'kustomization.yaml',
      'configMapGenerator:\n  - name: c\n    literals:\n      - API_TOKEN=abc\n',
      'literal value for API_TOKEN',
    ],
    ['a private key', 'x.yaml', 'data: |\n  -----BEGIN RSA PRIVATE KEY-----\n', 'private key material'],
  ])('flags %s', (_label, file, text, message) => {
    expect(found(file, text)).toContain(message);
  });

  it.each([
    [
      'a secretKeyRef',
      'x.yaml',
      'env:\n  - name: DB_PASSWORD\n    valueFrom:\n      secretKeyRef:\n        name: s\n        key: DATABASE_PASSWORD\n',
    ],
    [
      'ExternalSecret keys',
      'x.yaml',
      'data:\n  - secretKey: DATABASE_PASSWORD\n    remoteRef:\n      key: relay/database\n      property: password\n',
    ],
    ['a TLS secret name', 'x.yaml', 'tls:\n  - secretName: api-tls\n'],
    ['an env file without secrets', 'app.env', 'LOG_LEVEL=info\nFEATURE_WEBHOOK_SIGNING=true\n'],
  ])('accepts %s', (_label, file, text) => {
    expect(found(file, text)).toEqual([]);
  });
});

describe('repository configuration', () => {
  const files = CONFIG_DIRS.flatMap((d) => configFiles(join(REPO_ROOT, d)));

  it('has configuration files to scan', () => {
    expect(files.length).toBeGreaterThan(20);
  });

  it('contains no Secret, secret value or placeholder password', () => {
    const problems = files.flatMap((f) => {
      const file = relative(REPO_ROOT, f);
      return scanConfigFile(file, readFileSync(f, 'utf8')).map((p) => `${p.file}:${p.line}: ${p.message}`);
    });
    expect(problems).toEqual([]);
  });
});
