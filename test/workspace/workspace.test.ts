import { spawnSync } from 'node:child_process';
import { symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Config } from '../../scripts/config/types.js';
import { ConfigError, UsageError } from '../../scripts/core/errors.js';
import {
  closure,
  discoverEnvironments,
  kustomizationDeps,
  readKustomization,
  resolveTargets,
} from '../../scripts/workspace/index.js';
import { findKustomizationDirs } from '../../scripts/workspace/discover.js';
import { CONFIGMAP, makeTree, type Tree } from './fixture.js';

const tree = makeTree({
  'base/kustomization.yaml': [
    'resources:',
    '- deployment.yaml',
    '- extra',
    'configMapGenerator:',
    '- name: app',
    '  files: [settings.json, custom-key=conf/app.ini]',
    '  envs: [app.env]',
    'crds: [crd.yaml]',
    'configurations: [names.yaml]',
    'openapi:',
    '  path: schema.json',
    '',
  ].join('\n'),
  'base/deployment.yaml': CONFIGMAP('d'),
  'base/extra/kustomization.yml': 'resources: [cm.yaml]\n',
  'base/extra/cm.yaml': CONFIGMAP('e'),
  'base/settings.json': '{}\n',
  'base/conf/app.ini': 'a=b\n',
  'base/app.env': 'A=1\n',
  'base/crd.yaml': '{}\n',
  'base/names.yaml': '{}\n',
  'base/schema.json': '{}\n',
  'components/db/kustomization.yaml':
    'apiVersion: kustomize.config.k8s.io/v1alpha1\nkind: Component\nresources: [db.yaml]\n',
  'components/db/db.yaml': CONFIGMAP('db'),
  'overlays/staging/kustomization.yaml': [
    'bases: [../../base]',
    'components: [../../components/db]',
    'patches:',
    '- path: replicas.yaml',
    '- patch: |-',
    '    - op: add',
    '      path: /x',
    '      value: 1',
    '  target: {kind: ConfigMap}',
    'patchesStrategicMerge:',
    '- legacy.yaml',
    '- |-',
    '  apiVersion: v1',
    '  kind: ConfigMap',
    'patchesJson6902:',
    '- path: json-patch.yaml',
    '  target: {kind: ConfigMap, name: d}',
    'replacements:',
    '- path: replacement.yaml',
    'secretGenerator:',
    '- name: s',
    '  env: secret.env',
    '',
  ].join('\n'),
  'overlays/staging/replicas.yaml': '{}\n',
  'overlays/staging/legacy.yaml': '{}\n',
  'overlays/staging/json-patch.yaml': '[]\n',
  'overlays/staging/replacement.yaml': '{}\n',
  'overlays/staging/secret.env': 'P=1\n',
  'overlays/production/Kustomization': 'resources: [../../base]\n',
  'node_modules/pkg/kustomization.yaml': 'resources: []\n',
  '.hidden/kustomization.yaml': 'resources: []\n',
  'standalone/kustomization.yaml': 'resources: []\n',
  'plugins/kustomization.yaml': [
    'transformers:',
    '- t/patch.yaml',
    '- |-',
    '  apiVersion: builtin',
    '  kind: PatchStrategicMergeTransformer',
    '  metadata: {name: smp}',
    '  paths: [smp.yaml]',
    'generators:',
    '- g.yaml',
    '',
  ].join('\n'),
  'plugins/t/patch.yaml':
    'apiVersion: builtin\nkind: PatchTransformer\nmetadata: {name: p}\ntarget: {kind: ConfigMap}\npath: p.yaml\n',
  'plugins/g.yaml':
    'apiVersion: builtin\nkind: ConfigMapGenerator\nmetadata: {name: g}\nfiles: [k=conf.ini]\nenvs: [g.env]\n',
  'remote/kustomization.yaml': 'resources:\n- ../base\n- https://github.com/example/repo//deploy?ref=v1\n',
  'broken/kustomization.yaml': 'resources: [\n',
});
afterAll(() => tree.remove());

describe('readKustomization and kustomizationDeps', () => {
  it('accepts every kustomization file name and returns undefined without one', () => {
    expect(readKustomization(tree.root, 'base/extra')?.file).toBe('base/extra/kustomization.yml');
    expect(readKustomization(tree.root, 'overlays/production/')?.file).toBe('overlays/production/Kustomization');
    expect(readKustomization(tree.root, 'base/conf')).toBeUndefined();
    expect(readKustomization(tree.root, 'nowhere')).toBeUndefined();
  });

  it('lists directories and every file read, generator keys stripped', () => {
    const deps = kustomizationDeps(readKustomization(tree.root, 'base')!);
    expect(deps.dirs).toEqual(['base/extra']);
    expect(deps.files).toEqual([
      'base/app.env',
      'base/conf/app.ini',
      'base/crd.yaml',
      'base/deployment.yaml',
      'base/names.yaml',
      'base/schema.json',
      'base/settings.json',
    ]);
  });

  it('covers deprecated fields and skips inline patches', () => {
    const deps = kustomizationDeps(readKustomization(tree.root, 'overlays/staging')!);
    expect(deps.dirs).toEqual(['base', 'components/db']);
    expect(deps.files).toEqual([
      'overlays/staging/json-patch.yaml',
      'overlays/staging/legacy.yaml',
      'overlays/staging/replacement.yaml',
      'overlays/staging/replicas.yaml',
      'overlays/staging/secret.env',
    ]);
  });

  it('follows the files built-in transformer and generator configs read (relative to the kustomization)', () => {
    const deps = kustomizationDeps(readKustomization(tree.root, 'plugins')!);
    expect(deps.files).toEqual([
      'plugins/conf.ini',
      'plugins/g.env',
      'plugins/g.yaml',
      'plugins/p.yaml',
      'plugins/smp.yaml',
      'plugins/t/patch.yaml',
    ]);
  });

  it('reports malformed YAML with its line', () => {
    let err: unknown;
    try {
      readKustomization(tree.root, 'broken');
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ConfigError);
    expect((err as ConfigError).location).toMatchObject({ file: 'broken/kustomization.yaml', line: 2 });
  });
});

describe('closure', () => {
  it('lists every file an environment reads, recursively and sorted', () => {
    const files = closure(tree.root, 'overlays/staging');
    expect(files).toContain('overlays/staging/kustomization.yaml');
    expect(files).toContain('base/kustomization.yaml');
    expect(files).toContain('base/extra/kustomization.yml');
    expect(files).toContain('base/extra/cm.yaml');
    expect(files).toContain('components/db/db.yaml');
    expect(files).toContain('base/conf/app.ini');
    expect(files).toEqual([...files].sort());
    expect(new Set(files).size).toBe(files.length);
    expect(files).toHaveLength(18);
  });

  it('refuses remote references at their line', () => {
    let err: unknown;
    try {
      closure(tree.root, 'remote');
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ConfigError);
    expect((err as ConfigError).message).toContain('https://github.com/example/repo//deploy?ref=v1');
    expect((err as ConfigError).location).toEqual({ file: 'remote/kustomization.yaml', line: 3, column: 3 });
  });
});

describe('discoverEnvironments', () => {
  it('finds kustomizations nothing includes, skipping node_modules and hidden directories', () => {
    const envs = discoverEnvironments(tree.root, '1.32');
    expect(envs.map((e) => e.dir)).toEqual([
      'broken',
      'overlays/production',
      'overlays/staging',
      'plugins',
      'remote',
      'standalone',
    ]);
    expect(envs.find((e) => e.dir === 'overlays/staging')).toEqual({
      name: 'staging',
      dir: 'overlays/staging',
      kubernetesVersion: '1.32',
    });
  });
});

describe('discovery on repository shapes', () => {
  const shapes: Tree[] = [];
  afterAll(() => shapes.forEach((t) => t.remove()));
  const K = (body: string): string => body;
  const COMPONENT = 'apiVersion: kustomize.config.k8s.io/v1alpha1\nkind: Component\nresources:\n- cm.yaml\n';

  it('Components are never environments, used or not', () => {
    const t = makeTree({
      'kustomize/kustomization.yaml': K('resources:\n- base\ncomponents:\n- components/used\n'),
      'kustomize/base/kustomization.yaml': 'resources:\n- cm.yaml\n',
      'kustomize/base/cm.yaml': CONFIGMAP('a'),
      'kustomize/components/used/kustomization.yaml': COMPONENT,
      'kustomize/components/used/cm.yaml': CONFIGMAP('b'),
      'kustomize/components/unused/kustomization.yaml': COMPONENT,
      'kustomize/components/unused/cm.yaml': CONFIGMAP('c'),
    });
    shapes.push(t);
    expect(discoverEnvironments(t.root, '1.32')).toEqual([
      { name: 'kustomize', dir: 'kustomize', kubernetesVersion: '1.32' },
    ]);
  });

  it('names by the last segment, longer only where two would clash (a Flux fleet)', () => {
    const t = makeTree({
      'apps/staging/kustomization.yaml': 'resources: []\n',
      'apps/production/kustomization.yaml': 'resources: []\n',
      'infrastructure/staging/kustomization.yaml': 'resources: []\n',
      'clusters/production/flux-system/kustomization.yaml': 'resources: []\n',
      'clusters/staging/flux-system/kustomization.yaml': 'resources: []\n',
      'Odd Name_1/kustomization.yaml': 'resources: []\n',
    });
    shapes.push(t);
    expect(discoverEnvironments(t.root, '1.32').map((e) => [e.dir, e.name])).toEqual([
      ['Odd Name_1', 'odd-name_1'],
      ['apps/production', 'production'],
      ['apps/staging', 'apps-staging'],
      ['clusters/production/flux-system', 'production-flux-system'],
      ['clusters/staging/flux-system', 'staging-flux-system'],
      ['infrastructure/staging', 'infrastructure-staging'],
    ]);
  });

  it('inside git, ignored folders are not searched', () => {
    const t = makeTree({
      '.gitignore': 'vendor/\n',
      'app/kustomization.yaml': 'resources: []\n',
      'vendor/lib/kustomization.yaml': 'resources: []\n',
    });
    shapes.push(t);
    spawnSync('git', ['init', '-q'], { cwd: t.root });
    expect(discoverEnvironments(t.root, '1.32').map((e) => e.dir)).toEqual(['app']);
  });

  it('outside git (an exported tarball), .gitignore files still keep folders out, and links are listed, not entered', () => {
    const t = makeTree({
      '.gitignore': 'vendor/\n',
      'app/kustomization.yaml': 'resources: []\n',
      'app/.gitignore': 'scratch/\n',
      'app/scratch/kustomization.yaml': 'resources: []\n',
      'vendor/lib/kustomization.yaml': 'resources: []\n',
      'node_modules/pkg/kustomization.yaml': 'resources: []\n',
      '.hidden/kustomization.yaml': 'resources: []\n',
      'real/kustomization.yaml': 'resources: []\n',
    });
    shapes.push(t);
    symlinkSync(join(t.root, 'real'), join(t.root, 'linked'));
    expect(spawnSync('git', ['rev-parse'], { cwd: t.root }).status).not.toBe(0);
    expect(findKustomizationDirs(t.root)).toEqual(['app', 'linked', 'real']);
  });
});

describe('resolveTargets', () => {
  const config = {
    root: tree.root,
    environments: [
      { name: 'staging', dir: 'overlays/staging', kubernetesVersion: '1.32' },
      { name: 'production', dir: 'overlays/production', kubernetesVersion: '1.35' },
    ],
    schemas: { kubernetesVersion: '1.33', allowUnknownKinds: [] },
  } as unknown as Config;

  it('returns every environment without arguments', () => {
    expect(resolveTargets(config, []).map((e) => e.name)).toEqual(['staging', 'production']);
  });

  it('resolves names, overlay directories and ad-hoc directories once each', () => {
    const envs = resolveTargets(config, [
      'production',
      './overlays/production',
      `${tree.root}/overlays/staging`,
      'standalone/',
    ]);
    expect(envs).toEqual([
      { name: 'production', dir: 'overlays/production', kubernetesVersion: '1.35' },
      { name: 'staging', dir: 'overlays/staging', kubernetesVersion: '1.32' },
      { name: 'standalone', dir: 'standalone', kubernetesVersion: '1.33' },
    ]);
  });

  it('names the known environments for an unknown one', () => {
    expect(() => resolveTargets(config, ['qa'])).toThrow(UsageError);
    try {
      resolveTargets(config, ['qa']);
    } catch (e) {
      expect((e as UsageError).hint).toBe('known environments: staging, production');
      expect((e as UsageError).exitCode).toBe(2);
    }
    expect(() => resolveTargets(config, ['base/conf'])).toThrow(/has no kustomization/);
  });
});
