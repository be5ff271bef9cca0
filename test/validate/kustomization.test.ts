import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkClosure, checkDuplicateKeys, checkKustomizationFile } from '../../scripts/validate/kustomization.js';
import { validateKustomizationFiles } from '../../scripts/validate/index.js';
import { kustomizationSchemaValidator } from '../../scripts/validate/schema/index.js';

const validate = kustomizationSchemaValidator();
const at = (fs: { code: string; source?: { line: number; column: number } }[]) =>
  fs.map((f) => `${f.code}:${f.source?.line}:${f.source?.column}`);

describe('kustomization files', () => {
  it('a modern kustomization is clean', () => {
    const text = `apiVersion: kustomize.config.k8s.io/v1beta1
kind: Kustomization
resources: [../../base]
labels:
  - pairs: { env: prod }
    includeSelectors: false
images:
  - name: web
    newTag: "1.2.3"
patches:
  - path: replicas.yaml
`;
    expect(checkKustomizationFile('overlays/prod/kustomization.yaml', text, validate)).toEqual([]);
  });

  it('warns on each deprecated field at its key, naming the modern field', () => {
    const text = `resources: [deployment.yaml]
bases:
  - ../base
commonLabels:
  app: web
patchesStrategicMerge: [p.yaml]
patchesJson6902:
  - target: { group: apps, version: v1, kind: Deployment, name: web }
    path: p.json
vars: []
imageTags:
  - name: web
    newTag: v2
configMapGenerator:
  - name: cfg
    env: app.env
`;
    const found = checkKustomizationFile('k/kustomization.yaml', text, validate);
    expect(at(found)).toEqual([
      'kustomization/deprecated-field:2:1',
      'kustomization/deprecated-field:4:1',
      'kustomization/deprecated-field:6:1',
      'kustomization/deprecated-field:7:1',
      'kustomization/deprecated-field:10:1',
      'kustomization/deprecated-field:11:1',
      'kustomization/deprecated-field:16:5',
    ]);
    expect(found.map((f) => f.message)).toEqual([
      'bases is deprecated; use resources',
      'commonLabels is deprecated; use labels',
      'patchesStrategicMerge is deprecated; use patches',
      'patchesJson6902 is deprecated; use patches',
      'vars is deprecated; use replacements',
      'imageTags is deprecated; use images',
      'configMapGenerator[0].env is deprecated; use envs',
    ]);
    expect(found.every((f) => f.severity === 'warning' && f.source?.file === 'k/kustomization.yaml')).toBe(true);
  });

  it('reports a schema error at the offending line', () => {
    const text = `resources:
  - deployment.yaml
namePrefix: prod-
images:
  - name: web
    newtag: "1.2"
replicas:
  - name: web
    count: three
`;
    const found = checkKustomizationFile('k/kustomization.yaml', text, validate);
    expect(at(found)).toEqual(['kustomization/schema:6:5', 'kustomization/schema:9:12']);
    expect(found[0]!.message).toContain('newtag');
    expect(found.every((f) => f.severity === 'error')).toBe(true);
  });
});

describe('duplicate mapping keys', () => {
  it('finds every duplicate, in any document, at the repeated key', () => {
    const text = `apiVersion: v1
kind: ConfigMap
metadata:
  name: a
  name: b
---
apiVersion: v1
kind: ConfigMap
metadata: { name: c }
data:
  k: 1
  k: 2
`;
    const found = checkDuplicateKeys('base/cm.yaml', text);
    expect(at(found)).toEqual(['yaml/duplicate-key:5:3', 'yaml/duplicate-key:12:3']);
    expect(found[0]!.message).toBe('mapping key "name" appears more than once');
  });
  it('a file without duplicates is clean', () => {
    expect(checkDuplicateKeys('a.yaml', 'a: 1\nb: { a: 2 }\n---\na: 3\n')).toEqual([]);
  });
});

describe('validateKustomizationFiles', () => {
  const root = mkdtempSync(join(tmpdir(), 'kcfg-kust-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('reads the files under root, checks kustomizations only, and notices edits', () => {
    mkdirSync(join(root, 'base'));
    writeFileSync(
      join(root, 'base/kustomization.yaml'),
      'resources: [cm.yaml]\ncommonLabels: { a: b }\nresources: [x.yaml]\n',
    );
    writeFileSync(join(root, 'base/cm.yaml'), 'a: 1\na: 2\n');
    const first = validateKustomizationFiles(root, ['base/kustomization.yaml', 'base/cm.yaml']);
    expect(at(first).sort()).toEqual(['kustomization/deprecated-field:2:1', 'yaml/duplicate-key:3:1']);
    writeFileSync(join(root, 'base/kustomization.yaml'), 'resources: [cm.yaml]\n');
    expect(validateKustomizationFiles(root, ['base/kustomization.yaml'])).toEqual([]);
  });

  it('remembers in the cache the exact texts that passed, and checks any other text again', () => {
    const cacheDir = join(root, 'cache');
    const files = ['k/kustomization.yaml', 'k/cm.yaml'];
    const write = (dir: string, cm: string): void => {
      mkdirSync(join(root, dir, 'k'), { recursive: true });
      writeFileSync(join(root, dir, 'k/kustomization.yaml'), 'resources: [cm.yaml]\n');
      writeFileSync(join(root, dir, 'k/cm.yaml'), cm);
    };
    write('one', 'a: 1\n');
    const validate = kustomizationSchemaValidator();
    expect(checkClosure(join(root, 'one'), files, () => validate, { cacheDir, schemaId: () => 's1' })).toEqual([]);
    // Same texts elsewhere (another checkout): passed before, so the validator is not even asked for.
    write('two', 'a: 1\n');
    const refuse = (): never => {
      throw new Error('checked again');
    };
    expect(checkClosure(join(root, 'two'), files, refuse, { cacheDir, schemaId: () => 's1' })).toEqual([]);
    // Another kustomization schema, or another text, is checked again.
    write('three', 'a: 1\n');
    expect(() => checkClosure(join(root, 'three'), files, refuse, { cacheDir, schemaId: () => 's2' })).toThrow(
      'checked again',
    );
    write('four', 'a: 1\na: 2\n');
    expect(at(checkClosure(join(root, 'four'), files, () => validate, { cacheDir, schemaId: () => 's1' }))).toEqual([
      'yaml/duplicate-key:2:1',
    ]);
  });
});
