import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CONFIG_SCHEMA, loadConfig } from '../../scripts/config/index.js';
import { ConfigError, KcfgError } from '../../scripts/core/errors.js';
import { CONFIGMAP, makeTree, type Tree } from '../workspace/fixture.js';

const trees: Tree[] = [];
afterAll(() => trees.forEach((t) => t.remove()));

const cacheDir = mkdtempSync(join(tmpdir(), 'kcfg-cfg-cache-'));
const ENV = { KCFG_CACHE_DIR: cacheDir };

function repo(config: string | undefined, extra: Record<string, string> = {}): Tree {
  const files: Record<string, string> = {
    'base/kustomization.yaml': 'resources:\n- cm.yaml\n',
    'base/cm.yaml': CONFIGMAP('app'),
    'overlays/staging/kustomization.yaml': 'resources:\n- ../../base\n',
    'overlays/production/kustomization.yaml': 'resources:\n- ../../base\n',
    ...extra,
  };
  if (config !== undefined) files['kcfg.yaml'] = config;
  const t = makeTree(files);
  trees.push(t);
  return t;
}

function configError(root: string, env: NodeJS.ProcessEnv = ENV): ConfigError {
  try {
    loadConfig(root, env);
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    return e as ConfigError;
  }
  throw new Error('expected a ConfigError');
}

const VALID = `$schema: ./schemas/kcfg-config.schema.json
environments:
  - name: staging
    path: overlays/staging/
  - name: production
    path: overlays/production
    kubernetesVersion: "1.35"
engine:
  version: 5.5.0
schemas:
  allowUnknownKinds: [example.com/Widget]
`;

describe('loadConfig', () => {
  it('podSecurity: the cluster defaults, merged key by key per environment; a bad level is refused at its line', () => {
    const t = repo(`environments:
  - path: overlays/staging
  - path: overlays/production
    podSecurity: { enforce: restricted }
podSecurity:
  enforce: baseline
  warn: restricted
  exemptNamespaces: [kube-system]
`);
    const [staging, production] = loadConfig(t.root, ENV).environments;
    expect(staging!.podSecurity).toEqual({
      enforce: 'baseline',
      warn: 'restricted',
      exemptNamespaces: ['kube-system'],
    });
    expect(production!.podSecurity).toEqual({
      enforce: 'restricted',
      warn: 'restricted',
      exemptNamespaces: ['kube-system'],
    });
    const bad = repo('podSecurity:\n  enforce: strict\n');
    expect(configError(bad.root).location).toMatchObject({ file: 'kcfg.yaml', line: 2 });
  });

  it('loads a valid file and fills in defaults', () => {
    const t = repo(VALID);
    const c = loadConfig(t.root, ENV);
    expect(c.file).toBe('kcfg.yaml');
    expect(c.root).toBe(t.root);
    expect(c.environments).toEqual([
      { name: 'staging', dir: 'overlays/staging', kubernetesVersion: '1.32' },
      { name: 'production', dir: 'overlays/production', kubernetesVersion: '1.35' },
    ]);
    expect(c.engine).toEqual({ command: 'kubectl', version: 'v5.5.0', loadRestrictor: 'RootOnly' });
    expect(c.schemas).toEqual({ kubernetesVersion: '1.32', allowUnknownKinds: ['example.com/Widget'], crds: [] });
    expect(c.diff).toEqual({ ignore: [], sensitive: [] });
    expect(c.cacheDir).toBe(cacheDir);
  });

  it('uses the default cache directory and KCFG_ENGINE', () => {
    const t = repo(VALID);
    const c = loadConfig(t.root, { KCFG_ENGINE: '/opt/bin/kustomize', XDG_CACHE_HOME: '/var/cache/u' });
    // Outside the working tree, one folder per root.
    expect(c.cacheDir).toMatch(/^\/var\/cache\/u\/kcfg\/[^/]+-[0-9a-f]{12}$/);
    expect(loadConfig(t.root, { XDG_CACHE_HOME: '/var/cache/u' }).cacheDir).toBe(c.cacheDir);
    expect(c.engine.command).toBe('/opt/bin/kustomize');
  });

  it('reports a schema error at the offending key with its key path', () => {
    const t = repo('environments:\n  - name: staging\n    path: overlays/staging\n    overlay: x\n');
    const e = configError(t.root);
    expect(e.location).toEqual({ file: 'kcfg.yaml', line: 4, column: 5 });
    expect(e.message).toContain('environments[0].overlay: unknown key');
    expect(e.hint).toContain('kubernetesVersion');
    expect(e.exitCode).toBe(2);
  });

  it('explains an unquoted version and lists every problem', () => {
    const t = repo('engine:\n  loadRestrictor: Sometimes\nschemas:\n  kubernetesVersion: 1.30\n');
    const e = configError(t.root);
    expect(e.location).toMatchObject({ line: 2, column: 3 });
    expect(e.message).toContain('engine.loadRestrictor: must be one of RootOnly, None');
    expect(e.message).toContain('kcfg.yaml:4:3: schemas.kubernetesVersion: must be a string');
  });

  it('reports a missing required key at its parent', () => {
    const t = repo('environments:\n  - name: staging\n');
    const e = configError(t.root);
    expect(e.message).toContain('environments[0]: missing required key "path"');
    expect(e.location).toMatchObject({ line: 2, column: 5 });
  });

  it('rejects duplicate keys', () => {
    const t = repo('engine:\n  command: kubectl\n  command: kustomize\n');
    const e = configError(t.root);
    expect(e.message).toBe('duplicate key');
    expect(e.location).toMatchObject({ file: 'kcfg.yaml', line: 3 });
  });

  it('rejects malformed YAML with its line', () => {
    const t = repo('environments: [\n  {name: staging\n');
    const e = configError(t.root);
    expect(e.message).toMatch(/^invalid YAML/);
    expect(e.location?.line).toBeGreaterThan(1);
  });

  it('rejects an overlay directory that does not exist, also once the file passed the schema before', () => {
    const t = repo('environments:\n  - name: qa\n    path: overlays/qa\n');
    for (let i = 0; i < 2; i++) {
      const e = configError(t.root);
      expect(e.message).toBe('environments[0].path: directory overlays/qa does not exist');
      expect(e.location).toEqual({ file: 'kcfg.yaml', line: 3, column: 5 });
    }
  });

  it('rejects a directory without a kustomization and duplicate names', () => {
    const t = repo('environments:\n  - name: a\n    path: base\n  - name: a\n    path: docs\n', {
      'docs/README.md': '# docs\n',
    });
    const e = configError(t.root);
    expect(e.message).toContain('duplicate environment name "a"');
    expect(e.message).toContain('environments[1].path: docs has no kustomization.yaml');
  });

  it('rejects a Kubernetes version without schemas, naming the ones there are', () => {
    const t = repo('environments:\n  - name: staging\n    path: overlays/staging\n    kubernetesVersion: "1.19"\n');
    const e = configError(t.root);
    expect(e.message).toBe('environments[0].kubernetesVersion: no schemas for Kubernetes 1.19');
    expect(e.hint).toMatch(/1\.32/);
    expect(e.location).toMatchObject({ line: 4, column: 5 });
  });

  it('without a file, discovers environments lazily', () => {
    const t = repo(undefined);
    const c = loadConfig(t.root, ENV);
    expect(c.file).toBeUndefined();
    expect(c.environments.map((e) => [e.name, e.dir])).toEqual([
      ['production', 'overlays/production'],
      ['staging', 'overlays/staging'],
    ]);
    expect(c.environments[0]!.kubernetesVersion).toBe('1.32');
  });

  it('names environments by convention when name is left out, and expands glob paths', () => {
    const component = 'apiVersion: kustomize.config.k8s.io/v1alpha1\nkind: Component\n';
    const t = repo('environments:\n  - path: overlays/*\n    kubernetesVersion: "1.35"\n  - path: base\n', {
      'overlays/feature/kustomization.yaml': component,
    });
    const c = loadConfig(t.root, ENV);
    expect(c.environments).toEqual([
      { name: 'production', dir: 'overlays/production', kubernetesVersion: '1.35' },
      { name: 'staging', dir: 'overlays/staging', kubernetesVersion: '1.35' },
      { name: 'base', dir: 'base', kubernetesVersion: '1.32' },
    ]);
  });

  it('a glob that matches nothing, a named glob and a Component are configuration errors', () => {
    const component = 'apiVersion: kustomize.config.k8s.io/v1alpha1\nkind: Component\n';
    const cases: [string, RegExp][] = [
      ['environments:\n  - path: envs/*\n', /envs\/\* matches no kustomization directory/],
      ['environments:\n  - name: all\n    path: overlays/*\n', /a glob path names many environments/],
      ['environments:\n  - path: components/extra\n', /components\/extra is a Component/],
      [
        'environments:\n  - path: overlays/*\n  - name: staging\n    path: base\n',
        /duplicate environment name "staging"/,
      ],
    ];
    for (const [text, message] of cases) {
      const e = configError(repo(text, { 'components/extra/kustomization.yaml': component }).root);
      expect(e.message).toMatch(message);
      expect(e.location?.line).toBeGreaterThan(1);
    }
  });

  it('refuses two config files', () => {
    const t = repo(VALID, { 'kcfg.yml': VALID });
    expect(() => loadConfig(t.root, ENV)).toThrow(KcfgError);
  });

  it('the repository config is valid', () => {
    const c = loadConfig(join(import.meta.dirname, '../..'), ENV);
    expect(c.environments.map((e) => e.name)).toEqual(['staging', 'production']);
    expect(c.engine.version).toBe('v5.5.0');
  });

  it('the schema is closed and allows $schema', () => {
    expect(CONFIG_SCHEMA.additionalProperties).toBe(false);
    expect(CONFIG_SCHEMA.properties.$schema).toBeDefined();
  });
});
