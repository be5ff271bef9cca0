// Bring your own CRDs: kcfg.yaml `schemas.crds` and `kcfg schemas import`, through the real engine.

import { existsSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectNoCrash, kcfg, sandbox } from '../cli/helpers.js';

const box = sandbox('kcfg-byo-crds-');

const crd = (maxReplicas: number): string => `apiVersion: v1
kind: List
items:
  - apiVersion: apiextensions.k8s.io/v1
    kind: CustomResourceDefinition
    metadata:
      name: rollouts.argoproj.io
      resourceVersion: "12345"
      managedFields: [{ manager: kubectl }]
    spec:
      group: argoproj.io
      names: { kind: Rollout, plural: rollouts, singular: rollout, listKind: RolloutList }
      scope: Namespaced
      versions:
        - name: v1alpha1
          served: true
          storage: true
          schema:
            openAPIV3Schema:
              type: object
              properties:
                spec:
                  type: object
                  properties:
                    replicas: { type: integer }
                  x-kubernetes-validations:
                    - { rule: "self.replicas <= ${maxReplicas}", message: "at most ${maxReplicas} replicas" }
    status: { acceptedNames: { kind: Rollout } }
  - apiVersion: apps/v1
    kind: Deployment
    metadata: { name: argo-rollouts }
    spec: { selector: { matchLabels: { a: b } }, template: { metadata: { labels: { a: b } }, spec: { containers: [{ name: c, image: "x:1" }] } } }
`;

interface Doc {
  diagnostics: { code: string; message: string; source?: { file: string; line: number } }[];
}

function repo(name: string): string {
  const dir = join(box.tmp, name);
  mkdirSync(join(dir, 'app'), { recursive: true });
  mkdirSync(join(dir, '.git'));
  writeFileSync(join(dir, 'app/kustomization.yaml'), 'resources:\n  - rollout.yaml\n');
  writeFileSync(
    join(dir, 'app/rollout.yaml'),
    'apiVersion: argoproj.io/v1alpha1\nkind: Rollout\nmetadata:\n  name: web\nspec:\n  replicas: 80\n  strategy: {}\n',
  );
  writeFileSync(join(dir, 'release.yaml'), crd(50));
  return dir;
}

const codes = (run: { stdout: string }): [string, string | undefined, number | undefined][] =>
  (JSON.parse(run.stdout) as Doc).diagnostics.map((d) => [d.code, d.source?.file, d.source?.line]);

describe('CRDs brought from files', () => {
  it('without them the kind fails closed; imported and listed, its custom resources get schema and CEL checks', async () => {
    const dir = repo('import');
    const before = await kcfg(['validate', 'app', '--format', 'json'], { env: box.env, cwd: dir });
    expect(codes(before)).toEqual([['schema/no-schema', 'app/rollout.yaml', 2]]);

    const imported = await kcfg(['schemas', 'import', 'release.yaml'], { env: box.env, cwd: dir });
    expectNoCrash(imported);
    expect(imported.code).toBe(0);
    expect(imported.stdout).toContain('wrote schemas/crds/rollouts.argoproj.io.yaml');
    expect(imported.stdout).toContain('crds: [schemas/crds/*.yaml]');
    const written = readFileSync(join(dir, 'schemas/crds/rollouts.argoproj.io.yaml'), 'utf8');
    expect(written).toContain('kind: CustomResourceDefinition');
    expect(written).not.toMatch(/managedFields|resourceVersion|status:|kind: Deployment/);

    writeFileSync(join(dir, 'kcfg.yaml'), 'environments:\n  - path: app\nschemas:\n  crds: [schemas/crds/*.yaml]\n');
    const after = await kcfg(['check', '--format', 'json'], { env: box.env, cwd: dir });
    expectNoCrash(after);
    expect(codes(after).filter(([c]) => c.startsWith('schema/'))).toEqual([
      ['schema/cel', 'app/rollout.yaml', 5],
      ['schema/unknown-field', 'app/rollout.yaml', 7],
    ]);

    // The CRD file is part of the check box.cache key: a looser CRD changes the verdict at once.
    writeFileSync(join(dir, 'schemas/crds/rollouts.argoproj.io.yaml'), written.replace('<= 50', '<= 100'));
    const looser = await kcfg(['check', '--format', 'json'], { env: box.env, cwd: dir });
    expect(codes(looser).map(([c]) => c)).not.toContain('schema/cel');
  });

  it('the plain-file path uses them too; a file holding no CRD is a usage error', async () => {
    const dir = repo('plain');
    writeFileSync(join(dir, 'kcfg.yaml'), 'environments:\n  - path: app\nschemas:\n  crds: [release.yaml]\n');
    const run = await kcfg(['validate', 'app/rollout.yaml', '--format', 'json'], { env: box.env, cwd: dir });
    expect(codes(run).map(([c]) => c)).toEqual(['schema/cel', 'schema/unknown-field']);
    const none = await kcfg(['schemas', 'import', 'app/rollout.yaml'], { env: box.env, cwd: dir });
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('holds no CustomResourceDefinition');
  });

  it('never reads outside the repository: .. patterns are refused, links out are findings', async () => {
    const dir = repo('escape');
    writeFileSync(join(box.tmp, 'outside-crd.yaml'), crd(1));
    writeFileSync(join(dir, 'kcfg.yaml'), 'environments:\n  - path: app\nschemas:\n  crds: [../outside-crd.yaml]\n');
    const dots = await kcfg(['check'], { env: box.env, cwd: dir });
    expectNoCrash(dots);
    expect(dots.code).toBe(2);
    expect(dots.stderr).toContain('leaves the repository');

    rmSync(join(dir, 'release.yaml'));
    symlinkSync(join(box.tmp, 'outside-crd.yaml'), join(dir, 'linked-crd.yaml'));
    writeFileSync(join(dir, 'kcfg.yaml'), 'environments:\n  - path: app\nschemas:\n  crds: ["*.yaml"]\n');
    const linked = await kcfg(['check', '--format', 'json'], { env: box.env, cwd: dir });
    expectNoCrash(linked);
    // The only CRD file is a link out of the repository: it is not read, so the kind still fails closed.
    expect(codes(linked).map(([c]) => c)).toContain('schema/no-schema');
    expect(linked.stdout).not.toContain('at most 1 replicas');
    expect(existsSync(join(dir, 'schemas'))).toBe(false);
  });
});
