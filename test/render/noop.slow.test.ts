// Kustomize's silent no-ops, found by asking the engine (render/noop/probe.ts): patches, replacements and
// transformer configs whose target selects nothing, images entries no container uses, and entries that set
// only what is already there, at the lines to edit; never more than two builds per environment.

import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
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

  it('transformer configs and replacement files: a target that selects nothing, at the line in the file', async () => {
    const dir = repo(
      'transformers',
      'resources:\n  - deploy.yaml\n',
      `resources:
  - ../base
replacements:
  - path: replacement.yaml
transformers:
  - patch-transformer.yaml
  - image-tag.yaml
  - |-
    apiVersion: builtin
    kind: PatchTransformer
    metadata:
      name: inline
    target:
      kind: Deployment
      name: api
${REPLICAS}`,
    );
    writeFileSync(
      join(dir, 'overlay/replacement.yaml'),
      `source: { kind: Deployment, name: api, fieldPath: metadata.name }
targets:
  - select: { kind: Service, name: api }
    fieldPaths: [spec.selector.app]
`,
    );
    writeFileSync(
      join(dir, 'overlay/patch-transformer.yaml'),
      `apiVersion: builtin
kind: PatchTransformer
metadata:
  name: scale
target:
  kind: Deployment
  name: apx
${REPLICAS.replace(/^ {4}/gm, '')}`,
    );
    writeFileSync(
      join(dir, 'overlay/image-tag.yaml'),
      'apiVersion: builtin\nkind: ImageTagTransformer\nmetadata:\n  name: tag\nimageTag:\n  name: ghcr.io/example/apii\n  newTag: "2.0"\n',
    );
    const run = await kcfg(['validate', 'overlay', '--format', 'json'], { env: box.env, cwd: dir });
    expectNoCrash(run);
    const doc = JSON.parse(run.stdout) as Doc;
    expect(noops(doc)).toEqual([
      ['kustomization/image-matches-nothing', 'overlay/image-tag.yaml', 6, expect.any(String)],
      ['kustomization/patch-matches-nothing', 'overlay/patch-transformer.yaml', 7, 'did you mean api?'],
      ['kustomization/patch-matches-nothing', 'overlay/replacement.yaml', 3, expect.any(String)],
    ]);
    expect(doc.diagnostics.map((d) => d.message)).toContain(
      'PatchTransformer target kind=Deployment, name=apx selects no resource; it changes nothing',
    );
  });

  it('entries that set only what is already there: a patch, a JSON 6902 patch, an images and a replicas entry', async () => {
    const dir = repo(
      'redundant',
      'resources:\n  - deploy.yaml\n',
      `resources:
  - ../base
patches:
  - target: { kind: Deployment, name: api }
    patch: |-
      - op: replace
        path: /spec/template/spec/containers/0/image
        value: ghcr.io/example/api:1.0
  - path: same.yaml
  - path: scale.yaml
images:
  - name: ghcr.io/example/api
    newTag: "1.0"
replicas:
  - name: api
    count: 3
`,
    );
    // Same as the base: changes nothing.
    writeFileSync(
      join(dir, 'overlay/same.yaml'),
      'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\nspec:\n  template:\n    spec:\n      containers:\n        - name: app\n          image: ghcr.io/example/api:1.0\n',
    );
    // A real change (1 -> 2); the replicas entry then sets 3, which is a change too.
    writeFileSync(
      join(dir, 'overlay/scale.yaml'),
      'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\nspec:\n  replicas: 2\n',
    );
    const run = await kcfg(['validate', 'overlay', '--format', 'json'], { env: box.env, cwd: dir });
    expectNoCrash(run);
    expect(run.code).toBe(0);
    const doc = JSON.parse(run.stdout) as Doc;
    expect(noops(doc).map(([code, file, line]) => [code, file, line])).toEqual([
      ['kustomization/entry-changes-nothing', 'overlay/kustomization.yaml', 4],
      ['kustomization/entry-changes-nothing', 'overlay/kustomization.yaml', 9],
      ['kustomization/entry-changes-nothing', 'overlay/kustomization.yaml', 12],
    ]);
    expect(doc.diagnostics.map((d) => d.message)).toContain(
      'images entry ghcr.io/example/api changes nothing: every value it sets is already there',
    );
    // Change the base and the same entries are real changes.
    writeFileSync(join(dir, 'base/deploy.yaml'), DEPLOY.replace('api:1.0', 'api:0.9'));
    const changed = await kcfg(['validate', 'overlay', '--format', 'json'], { env: box.env, cwd: dir });
    expect(noops(JSON.parse(changed.stdout) as Doc)).toEqual([]);
  });

  it('never builds an environment more than twice, however many entries are in doubt', async () => {
    const dir = repo(
      'builds',
      'namePrefix: x-\nresources:\n  - deploy.yaml\n',
      `resources:
  - ../base
patches:
  - target: { kind: Deployment, labelSelector: "app=api" }
${REPLICAS}  - target: { kind: Deployment, name: nope }
${REPLICAS}images:
  - name: ghcr.io/example/api
    newTag: "1.0"
replicas:
  - name: x-api
    count: 1
`,
    );
    const log = join(dir, 'engine.log');
    const engine = join(box.tmp, 'counting-kubectl');
    writeFileSync(engine, `#!/bin/sh\necho "$1" >> "${log}"\nexec kubectl "$@"\n`);
    chmodSync(engine, 0o755);
    const run = await kcfg(['validate', 'overlay', '--format', 'json', '--no-cache'], {
      env: { ...box.env, KCFG_ENGINE: engine },
      cwd: dir,
    });
    expectNoCrash(run);
    // The base's Deployment has no labels of its own, so the labelSelector selects nothing either.
    expect(noops(JSON.parse(run.stdout) as Doc).map(([code, , line]) => [code, line])).toEqual([
      ['kustomization/patch-matches-nothing', 4],
      ['kustomization/patch-matches-nothing', 9],
      ['kustomization/entry-changes-nothing', 15],
      ['kustomization/entry-changes-nothing', 19],
    ]);
    expect(
      readFileSync(log, 'utf8')
        .split('\n')
        .filter((l) => l === 'kustomize'),
    ).toHaveLength(2);

    // An images or replicas entry that is the only writer of its field is settled from the source and the
    // output alone: no second build.
    const plain = repo(
      'settled',
      'resources:\n  - deploy.yaml\n',
      'resources:\n  - ../base\nimages:\n  - name: ghcr.io/example/api\n    newTag: "1.0"\nreplicas:\n  - name: api\n    count: 1\n',
    );
    const plainLog = join(plain, 'engine.log');
    writeFileSync(engine, `#!/bin/sh\necho "$1" >> "${plainLog}"\nexec kubectl "$@"\n`);
    const settled = await kcfg(['validate', 'overlay', '--format', 'json', '--no-cache'], {
      env: { ...box.env, KCFG_ENGINE: engine },
      cwd: plain,
    });
    expect(noops(JSON.parse(settled.stdout) as Doc).map(([code, , line]) => [code, line])).toEqual([
      ['kustomization/entry-changes-nothing', 4],
      ['kustomization/entry-changes-nothing', 8],
    ]);
    expect(
      readFileSync(plainLog, 'utf8')
        .split('\n')
        .filter((l) => l === 'kustomize'),
    ).toHaveLength(1);
  });
});
