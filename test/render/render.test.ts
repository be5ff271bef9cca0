import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import jsYaml from 'js-yaml';
import type { Config } from '../../scripts/config/types.js';
import { EngineError } from '../../scripts/core/errors.js';
import type { RenderedEnvironment } from '../../scripts/core/rendered.js';
import type { Environment } from '../../scripts/core/resource.js';
import { detectEngine, renderEnvironments, writeRenderOutput, type Engine } from '../../scripts/render/index.js';
import { engineVersionsFile } from '../../scripts/render/engine.js';
import { makeTree } from '../workspace/fixture.js';

const SECRET_B64 = Buffer.from('s3cr3t-from-file').toString('base64');

const tree = makeTree({
  'base/kustomization.yaml':
    'resources:\n- app.yaml\n- service.yaml\nconfigMapGenerator:\n- name: settings\n  literals: [LOG_LEVEL=info]\n',
  'base/app.yaml': [
    'apiVersion: apps/v1',
    'kind: Deployment',
    'metadata:',
    '  name: web',
    'spec:',
    '  replicas: 1',
    '  selector: {matchLabels: {app: web}}',
    '  template:',
    '    metadata: {labels: {app: web}}',
    '    spec:',
    '      containers:',
    '      - name: web',
    '        image: nginx:1.27',
    '        args: ["on", "0755", "--x"]',
    '---',
    'apiVersion: v1',
    'kind: Secret',
    'metadata:',
    '  name: file-secret',
    'data:',
    `  token: ${SECRET_B64}`,
    '',
  ].join('\n'),
  'base/service.yaml':
    'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  selector: {app: web}\n  ports:\n  - port: 80\n',
  'overlays/staging/kustomization.yaml':
    'resources:\n- ../../base\nnamePrefix: stg-\nsecretGenerator:\n- name: creds\n  literals: [password=hunter2]\n',
  'overlays/production/kustomization.yaml': 'resources:\n- ../../base\nreplicas:\n- name: web\n  count: 3\n',
  'overlays/broken/kustomization.yaml': 'resources:\n- ../../base\n- missing.yaml\n',
  'overlays/badyaml/kustomization.yaml': 'resources:\n- bad.yaml\n',
  'overlays/badyaml/bad.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  name: b\n',
});
const cacheDir = mkdtempSync(join(tmpdir(), 'kcfg-render-cache-'));
const env = (name: string): Environment => ({ name, dir: `overlays/${name}`, kubernetesVersion: '1.32' });
const config: Config = {
  root: tree.root,
  repoRoot: tree.root,
  environments: ['staging', 'production', 'broken', 'badyaml'].map(env),
  engine: { command: 'kubectl', loadRestrictor: 'RootOnly' },
  schemas: { kubernetesVersion: '1.32', allowUnknownKinds: [], crds: [] },
  diff: { ignore: [], sensitive: [] },
  cacheDir,
};

let engine: Engine;
let first: RenderedEnvironment[];
const byName = (list: RenderedEnvironment[], name: string): RenderedEnvironment =>
  list.find((r) => r.env.name === name)!;

beforeAll(async () => {
  engine = await detectEngine(config);
  first = await renderEnvironments(config, config.environments, { engine, concurrency: 2 });
});
afterAll(() => tree.remove());

function cacheListing(): string[] {
  const dir = join(cacheDir, 'render');
  return readdirSync(dir)
    .map((f) => `${f}@${statSync(join(dir, f)).mtimeMs}`)
    .sort();
}

describe('detectEngine', () => {
  it('finds kubectl and its Kustomize version, and caches the version', () => {
    expect(engine).toMatchObject({
      kind: 'kubectl',
      command: 'kubectl kustomize',
      flags: ['--load-restrictor', 'LoadRestrictionsRootOnly'],
    });
    expect(engine.version).toMatch(/^v\d+\.\d+\.\d+$/);
    const cached = JSON.parse(readFileSync(engineVersionsFile(), 'utf8')) as Record<
      string,
      { version: string; binary: string }
    >;
    expect(Object.values(cached).map((e) => e.version)).toContain(engine.version);
    // The binary that renders is the one that reported the version (a dispatcher is looked past).
    expect(Object.values(cached).map((e) => e.binary)).toContain(engine.binary);
  });

  it('a missing engine is an EngineError naming what to install, exit 2', async () => {
    const err = await detectEngine(config, { PATH: '/nonexistent' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(EngineError);
    expect((err as EngineError).message).toBe("Kustomize engine 'kubectl' not found on PATH");
    expect((err as EngineError).hint).toMatch(/install kubectl/);
    expect((err as EngineError).exitCode).toBe(2);
  });

  it('a pinned version the engine does not have is an EngineError', async () => {
    const err = await detectEngine({
      ...config,
      file: 'kcfg.yaml',
      engine: { ...config.engine, version: 'v4.0.0' },
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(EngineError);
    expect((err as EngineError).message).toBe(
      `kubectl kustomize is Kustomize ${engine.version}, but kcfg.yaml pins engine.version v4.0.0`,
    );
  });

  it('drives `kustomize build` when the command is a kustomize binary', async () => {
    // A stand-in binary named kustomize that delegates to the real engine, so both command shapes are exercised.
    const shim = join(tree.root, 'bin/kustomize');
    tree.write(
      'bin/kustomize',
      `#!/bin/sh\nif [ "$1" = version ]; then echo ${engine.version}; exit 0; fi\nif [ "$1" = build ]; then shift; exec "${engine.binary}" kustomize "$@"; fi\nexit 3\n`,
    );
    chmodSync(shim, 0o755);
    const shimConfig: Config = { ...config, engine: { ...config.engine, command: 'bin/kustomize' } };
    const k = await detectEngine(shimConfig);
    expect(k).toMatchObject({ kind: 'kustomize', command: 'kustomize build', version: engine.version, binary: shim });
    const [production] = await renderEnvironments(shimConfig, [env('production')], { engine: k, cache: false });
    expect(production!.findings).toEqual([]);
    expect(production!.output).toBe(byName(first, 'production').output);
  });

  it('loadRestrictor None is passed through', async () => {
    const e = await detectEngine({ ...config, engine: { ...config.engine, loadRestrictor: 'None' } });
    expect(e.flags).toEqual(['--load-restrictor', 'LoadRestrictionsNone']);
  });
});

describe('renderEnvironments', () => {
  it('renders every environment and resolves origins to repository files and generator entries', () => {
    const staging = byName(first, 'staging');
    expect(staging.findings).toEqual([]);
    expect(staging.cached).toBe(false);
    expect(staging.engine).toEqual({ command: 'kubectl kustomize', version: engine.version });
    const origins = Object.fromEntries(staging.resources.map((r) => [`${r.kind}/${r.id.name}`, r.origin]));
    expect(origins['Deployment/stg-web']).toEqual({ type: 'file', file: 'base/app.yaml' });
    expect(origins['Secret/stg-file-secret']).toEqual({ type: 'file', file: 'base/app.yaml' });
    expect(origins['Service/stg-web']).toEqual({ type: 'file', file: 'base/service.yaml' });
    const generated = staging.resources.filter((r) => r.origin?.type === 'generator').map((r) => r.origin);
    expect(generated).toEqual(
      expect.arrayContaining([
        { type: 'generator', kustomization: 'base/kustomization.yaml', generator: 'ConfigMapGenerator' },
        { type: 'generator', kustomization: 'overlays/staging/kustomization.yaml', generator: 'SecretGenerator' },
      ]),
    );
    expect(staging.closure).toEqual([
      'base/app.yaml',
      'base/kustomization.yaml',
      'base/service.yaml',
      'overlays/staging/kustomization.yaml',
    ]);
  });

  it('shows a stream without build annotations or secret values, each resource pointing at its document', () => {
    const staging = byName(first, 'staging');
    expect(staging.output).not.toContain('config.kubernetes.io');
    expect(staging.output).not.toContain(SECRET_B64);
    expect(staging.output).not.toContain(Buffer.from('hunter2').toString('base64'));
    expect(staging.output).toContain('- "on"');
    expect(staging.output).toContain('- "0755"');
    for (const r of staging.resources) {
      expect(r.rendered.file).toBe('<rendered:staging>');
      expect(r.rendered.text).toBe(staging.output);
      expect(jsYaml.load(staging.output.slice(r.rendered.start, r.rendered.end))).toEqual(r.object);
    }
  });

  it('shows the same objects the engine builds, apart from redacted secrets', () => {
    const direct = execFileSync(engine.binary, ['kustomize', join(tree.root, 'overlays/production')], {
      encoding: 'utf8',
    });
    const expected = jsYaml.loadAll(direct).filter((o) => (o as { kind: string }).kind !== 'Secret');
    const shown = jsYaml
      .loadAll(byName(first, 'production').output)
      .filter((o) => (o as { kind: string }).kind !== 'Secret');
    expect(shown).toEqual(expected);
  });

  it('a failed environment becomes a finding at the line that names the missing file; the others still render', () => {
    const broken = byName(first, 'broken');
    expect(broken.resources).toEqual([]);
    expect(broken.findings).toHaveLength(1);
    const f = broken.findings[0]!;
    expect(f).toMatchObject({
      code: 'render/failed',
      severity: 'error',
      source: { file: 'overlays/broken/kustomization.yaml', line: 3, column: 3 },
    });
    expect(f.message).toBe(
      "Kustomize could not build overlays/broken: resource 'missing.yaml' not found: no such file or directory",
    );
    expect(byName(first, 'production').resources.length).toBeGreaterThan(0);
  });

  it('a YAML error Kustomize reports without a file is traced to the file and line', () => {
    const f = byName(first, 'badyaml').findings[0]!;
    expect(f.code).toBe('render/failed');
    expect(f.message).not.toMatch(/run\.go|interface \{\}|E\d{4}/);
    expect(f.source).toMatchObject({ file: 'overlays/badyaml/bad.yaml', line: 5 });
  });

  it('a cache hit spawns nothing and leaves the cache untouched', async () => {
    const before = cacheListing();
    const noEngine: Engine = { ...engine, binary: '/nonexistent/kubectl' };
    const again = await renderEnvironments(config, [env('staging'), env('production')], { engine: noEngine });
    expect(again.map((r) => [r.cached, r.findings])).toEqual([
      [true, []],
      [true, []],
    ]);
    expect(again[0]!.output).toBe(byName(first, 'staging').output);
    expect(again[0]!.resources.map((r) => r.origin)).toEqual(byName(first, 'staging').resources.map((r) => r.origin));
    expect(cacheListing()).toEqual(before);
    for (const r of again[0]!.resources) {
      expect(r.env).toBe('staging');
      expect(jsYaml.load(r.rendered.text.slice(r.rendered.start, r.rendered.end))).toEqual(r.object);
    }
    expect(again[0]!.resources.map((r) => r.rendered.line)).toEqual(
      byName(first, 'staging').resources.map((r) => r.rendered.line),
    );
  });

  it('keeps secret values out of the cache', () => {
    const dir = join(cacheDir, 'render');
    const all = readdirSync(dir)
      .map((f) => readFileSync(join(dir, f), 'utf8'))
      .join('\n');
    expect(all).toContain('stg-file-secret');
    expect(all).not.toContain(SECRET_B64);
    expect(all).not.toContain(Buffer.from('hunter2').toString('base64'));
  });

  it('a changed file in the closure misses the cache', async () => {
    tree.write(
      'base/service.yaml',
      readFileSync(join(tree.root, 'base/service.yaml'), 'utf8').replace('port: 80', 'port: 8080'),
    );
    const [staging] = await renderEnvironments(config, [env('staging')], { engine });
    expect(staging!.cached).toBe(false);
    expect(staging!.output).toContain('port: 8080');
    const [production] = await renderEnvironments(config, [env('production')], { engine, cache: false });
    expect(production!.cached).toBe(false);
  });
});

describe('writeRenderOutput', () => {
  it('writes one file per rendered environment atomically, and reports stale files in check mode', () => {
    const out = mkdtempSync(join(tmpdir(), 'kcfg-out-'));
    const check = writeRenderOutput(first, out, { check: true });
    expect(check.written).toEqual([]);
    expect(check.stale.map((f) => f.slice(out.length + 1))).toEqual(['staging.yaml', 'production.yaml']);
    expect(existsSync(join(out, 'staging.yaml'))).toBe(false);

    const result = writeRenderOutput(first, out, { check: false });
    expect(result.written.map((f) => f.slice(out.length + 1))).toEqual(['staging.yaml', 'production.yaml']);
    expect(readdirSync(out).sort()).toEqual(['production.yaml', 'staging.yaml']);
    expect(readFileSync(join(out, 'staging.yaml'), 'utf8')).toBe(byName(first, 'staging').output);
    expect(writeRenderOutput(first, out, { check: true })).toEqual({ written: [], stale: [] });

    writeFileSync(join(out, 'production.yaml'), 'edited\n');
    expect(writeRenderOutput(first, out, { check: true }).stale).toEqual([join(out, 'production.yaml')]);
  });
});
