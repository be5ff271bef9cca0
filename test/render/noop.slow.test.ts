// Kustomize's silent no-ops, found by asking the engine (render/noop-probe.ts): patches whose target selects
// nothing and images entries no container uses, at their kustomization lines.

import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectNoCrash, kcfg, sandbox } from '../cli/helpers.js';

const box = sandbox('kcfg-noop-');

const DEPLOY = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
spec:
  replicas: 1
  selector: { matchLabels: { app: api } }
  template:
    metadata: { labels: { app: api } }
    spec:
      containers:
        - name: app
          image: ghcr.io/example/api:1.0
`;

const REPLICAS = `    patch: |-
      - op: replace
        path: /spec/replicas
        value: 3
`;

interface Doc {
  diagnostics: { code: string; message: string; hint?: string; source?: { file: string; line: number } }[];
}

function repo(name: string, base: string, overlay: string): string {
  const dir = join(box.tmp, name);
  mkdirSync(join(dir, 'base'), { recursive: true });
  mkdirSync(join(dir, 'overlay'), { recursive: true });
  mkdirSync(join(dir, '.git'));
  writeFileSync(join(dir, 'base/deploy.yaml'), DEPLOY);
  writeFileSync(join(dir, 'base/kustomization.yaml'), base);
  writeFileSync(join(dir, 'overlay/kustomization.yaml'), overlay);
  return dir;
}

const noops = (doc: Doc): [string, string | undefined, number | undefined, string | undefined][] =>
  doc.diagnostics
    .filter((d) => d.code.startsWith('kustomization/'))
    .map((d) => [d.code, d.source?.file, d.source?.line, d.hint]);

describe('silent no-ops', () => {
  it('a mistyped patch target and an unused images entry, at their lines; the patches that apply pass', async () => {
    const dir = repo(
      'typo',
      'namePrefix: relay-\nresources:\n  - deploy.yaml\n',
      `resources:
  - ../base
patches:
  - target: { kind: Deployment, name: api }
${REPLICAS}  - target:
      kind: Deployment
      name: relay-apix
${REPLICAS}images:
  - name: ghcr.io/example/api
    newTag: "1.1"
  - name: ghcr.io/example/worker
    newTag: "1.1"
`,
    );
    const run = await kcfg(['validate', 'overlay', '--format', 'json'], { env: box.env, cwd: dir });
    expectNoCrash(run);
    expect(run.code).toBe(1);
    expect(noops(JSON.parse(run.stdout) as Doc)).toEqual([
      ['kustomization/patch-matches-nothing', 'overlay/kustomization.yaml', 11, 'did you mean relay-api?'],
      ['kustomization/image-matches-nothing', 'overlay/kustomization.yaml', 19, expect.any(String)],
    ]);
    // Cached with the render: a warm run reports the same without building again.
    const warm = await kcfg(['validate', 'overlay', '--format', 'json'], { env: box.env, cwd: dir });
    expect(noops(JSON.parse(warm.stdout) as Doc)).toHaveLength(2);
    // Their severity is set like any code's.
    mkdirSync(join(dir, 'policies'));
    writeFileSync(join(dir, 'policies/config.yaml'), 'codes:\n  kustomization/image-matches-nothing: off\n');
    const quiet = await kcfg(['validate', 'overlay', '--format', 'json'], { env: box.env, cwd: dir });
    expect(noops(JSON.parse(quiet.stdout) as Doc).map(([code]) => code)).toEqual([
      'kustomization/patch-matches-nothing',
    ]);
  });

  it('a replacement target that selects nothing, while its sibling target applies', async () => {
    const dir = repo(
      'replacement',
      'resources:\n  - deploy.yaml\nconfigMapGenerator:\n  - name: versions\n    literals: [API=ghcr.io/example/api:2.0]\n',
      `resources:
  - ../base
replacements:
  - source: { kind: ConfigMap, name: versions, fieldPath: data.API }
    targets:
      - select: { kind: Deployment, name: api }
        fieldPaths: [spec.template.spec.containers.0.image]
      - select: { kind: StatefulSet, name: api }
        fieldPaths: [spec.template.spec.containers.0.image]
`,
    );
    const run = await kcfg(['validate', 'overlay', '--format', 'json'], { env: box.env, cwd: dir });
    const doc = JSON.parse(run.stdout) as Doc;
    expect(noops(doc)).toEqual([
      ['kustomization/patch-matches-nothing', 'overlay/kustomization.yaml', 8, expect.any(String)],
    ]);
    expect(doc.diagnostics.find((d) => d.code === 'kustomization/patch-matches-nothing')!.message).toBe(
      'replacement target kind=StatefulSet, name=api selects no resource; it changes nothing',
    );
  });

  it('a target naming the suffixed name in the layer that adds the suffix (patches run before it)', async () => {
    const dir = repo(
      'own-suffix',
      'resources:\n  - deploy.yaml\n',
      `resources:\n  - ../base\nnameSuffix: -v2\npatches:\n  - target: { kind: Deployment, name: api-v2 }\n${REPLICAS}`,
    );
    const run = await kcfg(['validate', 'overlay', '--format', 'json'], { env: box.env, cwd: dir });
    expect(noops(JSON.parse(run.stdout) as Doc)).toEqual([
      ['kustomization/patch-matches-nothing', 'overlay/kustomization.yaml', 5, 'did you mean api?'],
    ]);
  });

  it('a target that stopped matching when a lower layer changed its prefix', async () => {
    const dir = repo(
      'prefix',
      'namePrefix: rly-\nresources:\n  - deploy.yaml\n',
      `resources:\n  - ../base\npatches:\n  - target: { kind: Deployment, name: relay-api }\n${REPLICAS}`,
    );
    const run = await kcfg(['validate', 'overlay', '--format', 'json'], { env: box.env, cwd: dir });
    expect(noops(JSON.parse(run.stdout) as Doc)).toEqual([
      ['kustomization/patch-matches-nothing', 'overlay/kustomization.yaml', 4, 'did you mean rly-api?'],
    ]);
  });
});
