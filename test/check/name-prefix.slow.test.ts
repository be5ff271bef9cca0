// One finding per defect across environments, through the real engine: overlays that rename everything
// (namePrefix, namespace, generator hashes) still report a base defect once, listing both environments.

import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { childEnv, ensureBuilt, expectNoCrash, kcfg, tempCacheDir } from '../cli/helpers.js';

let cache: string;
let tmp: string;

beforeAll(() => {
  ensureBuilt();
  cache = tempCacheDir();
  tmp = mkdtempSync(join(tmpdir(), 'kcfg-prefix-'));
});

afterAll(() => {
  rmSync(cache, { recursive: true, force: true });
  rmSync(tmp, { recursive: true, force: true });
});

describe('renamed environments', () => {
  it('a base defect is one finding listing both environments, whatever each calls the resource', async () => {
    for (const d of ['base', 'overlays/staging', 'overlays/production']) mkdirSync(join(tmp, d), { recursive: true });
    mkdirSync(join(tmp, '.git'));
    writeFileSync(
      join(tmp, 'base/kustomization.yaml'),
      'resources:\n  - deploy.yaml\nconfigMapGenerator:\n  - name: web-config\n    literals: [MODE=on]\n',
    );
    writeFileSync(
      join(tmp, 'base/deploy.yaml'),
      `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  selector: { matchLabels: { app: web } }
  template:
    metadata: { labels: { app: web } }
    spec:
      containers:
        - name: app
          image: ghcr.io/example/web:1.0
          imagePullPolicy: always
          envFrom: [{ configMapRef: { name: web-config } }]
`,
    );
    for (const [env, prefix] of [
      ['staging', 'stg-'],
      ['production', 'prod-'],
    ])
      writeFileSync(
        join(tmp, `overlays/${env}/kustomization.yaml`),
        `resources:\n  - ../../base\nnamePrefix: ${prefix}\nnamespace: web-${env}\n`,
      );
    const run = await kcfg(['validate', '--format', 'json'], { env: childEnv({ KCFG_CACHE_DIR: cache }), cwd: tmp });
    expectNoCrash(run);
    const doc = JSON.parse(run.stdout) as {
      diagnostics: {
        code: string;
        environments: string[];
        message: string;
        resources?: Record<string, { name: string }>;
      }[];
    };
    expect(doc.diagnostics).toHaveLength(1);
    expect(doc.diagnostics[0]).toMatchObject({
      code: 'schema/enum',
      environments: ['production', 'staging'],
      resources: { staging: { name: 'stg-web' }, production: { name: 'prod-web' } },
    });
  });
});
