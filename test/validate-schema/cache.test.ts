import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  createSchemaValidator,
  describeErrors,
  forgetLoadedSchemas,
  kustomizationSchemaValidator,
} from '../../scripts/validate/schema/index.js';
import { DEPLOYMENT, one } from './helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'kcfg-schema-cache-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('compiled validator cache', () => {
  const broken = one(DEPLOYMENT.replace('replicas: 2', 'replicas: two'));
  const certificate = one(
    `apiVersion: cert-manager.io/v1\nkind: Certificate\nmetadata: {name: c}\nspec: {secretName: s, issuerRef: {name: i}, isCA: "yes"}\n`,
  );

  it('compiles on a cold run and loads the stored code on a warm run', () => {
    const cold = createSchemaValidator({ kubernetesVersion: '1.35', allowUnknownKinds: [], cacheDir: dir });
    const coldFindings = [...cold.validate(broken), ...cold.validate(certificate)];
    expect(cold.stats()).toEqual({ compiled: 2, loadedFromCache: 0 });
    expect(readdirSync(dir).filter((f) => f.endsWith('.cjs'))).toHaveLength(2);

    forgetLoadedSchemas();
    const warm = createSchemaValidator({ kubernetesVersion: '1.35', allowUnknownKinds: [], cacheDir: dir });
    const warmFindings = [...warm.validate(broken), ...warm.validate(certificate)];
    expect(warm.stats()).toEqual({ compiled: 0, loadedFromCache: 2 });
    expect(warmFindings).toEqual(coldFindings);
    expect(warmFindings.map((f) => f.code)).toEqual(['schema/type', 'schema/type']);
    expect(warm.validate(one(DEPLOYMENT))).toEqual([]);
    expect(readdirSync(dir).filter((f) => f.endsWith('.v8'))).toHaveLength(2);

    forgetLoadedSchemas();
    const withCodeCache = createSchemaValidator({ kubernetesVersion: '1.35', allowUnknownKinds: [], cacheDir: dir });
    expect([...withCodeCache.validate(broken), ...withCodeCache.validate(certificate)]).toEqual(coldFindings);
    expect(withCodeCache.stats()).toEqual({ compiled: 0, loadedFromCache: 2 });
  });

  it('ignores a V8 code cache that does not fit', () => {
    for (const f of readdirSync(dir).filter((n) => n.endsWith('.v8'))) writeFileSync(join(dir, f), 'stale');
    forgetLoadedSchemas();
    const v = createSchemaValidator({ kubernetesVersion: '1.35', allowUnknownKinds: [], cacheDir: dir });
    expect(v.validate(broken).map((f) => f.pointer)).toEqual(['/spec/replicas']);
    expect(v.stats()).toEqual({ compiled: 0, loadedFromCache: 1 });
  });

  it('recompiles when a cached file is unusable', () => {
    for (const f of readdirSync(dir)) writeFileSync(join(dir, f), 'this is not javascript {');
    forgetLoadedSchemas();
    const v = createSchemaValidator({ kubernetesVersion: '1.35', allowUnknownKinds: [], cacheDir: dir });
    expect(v.validate(broken).map((f) => f.pointer)).toEqual(['/spec/replicas']);
    expect(v.stats()).toEqual({ compiled: 1, loadedFromCache: 0 });
  });

  it('keys the cache by Kubernetes version', () => {
    forgetLoadedSchemas();
    const v = createSchemaValidator({ kubernetesVersion: '1.32', allowUnknownKinds: [], cacheDir: dir });
    v.validate(broken);
    expect(v.stats()).toEqual({ compiled: 1, loadedFromCache: 0 });
  });
});

describe('kustomization schema', () => {
  it('accepts a kustomization and reports unknown and mistyped fields', () => {
    const validate = kustomizationSchemaValidator({ cacheDir: dir });
    expect(
      validate({
        apiVersion: 'kustomize.config.k8s.io/v1beta1',
        kind: 'Kustomization',
        resources: ['deployment.yaml'],
        images: [{ name: 'nginx', newTag: '1.27' }],
      }),
    ).toBe(true);
    const bad = { resources: 'deployment.yaml', resourcez: [] };
    expect(validate(bad)).toBe(false);
    const problems = describeErrors(validate.errors ?? [], bad);
    expect(problems.map((p) => `${p.code} ${p.pointer}`).sort()).toEqual([
      'schema/type /resources',
      'schema/unknown-field /resourcez',
    ]);
  });
});
