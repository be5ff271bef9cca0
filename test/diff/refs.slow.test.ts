import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../scripts/config/load.js';
import type { Config } from '../../scripts/config/types.js';
import { defaultRefDiffDeps, diffRefs, type RefDiff, type RefDiffDeps } from '../../scripts/diff/refs.js';

const hasKubectl = (() => {
  try {
    execFileSync('kubectl', ['version', '--client'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

let root = '';
const rendered: string[] = [];

function write(rel: string, text: string): void {
  mkdirSync(dirname(join(root, rel)), { recursive: true });
  writeFileSync(join(root, rel), text);
}
const git = (...args: string[]) =>
  execFileSync('git', args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] }).toString();

let cacheDir = '';
const kcfgYaml = (envs: string[]) =>
  `environments:\n${envs.map((e) => `  - {name: ${e}, path: overlays/${e}}\n`).join('')}`;
const config = (): Config => loadConfig(root, { ...process.env, KCFG_CACHE_DIR: cacheDir });

/** The real stages, with renders recorded so a test can see which environments were rendered. */
const deps: RefDiffDeps = {
  ...defaultRefDiffDeps,
  async render(cfg, envs) {
    for (const env of envs) rendered.push(`${cfg.root === root ? 'work' : 'ref'}:${env.name}`);
    return defaultRefDiffDeps.render(cfg, envs);
  },
};

async function run(): Promise<RefDiff[]> {
  rendered.length = 0;
  const status = git('status', '--porcelain');
  const head = git('rev-parse', 'HEAD');
  const out = await diffRefs(config(), 'HEAD', [], { ignore: [], sensitive: [], deps });
  expect(git('status', '--porcelain')).toBe(status);
  expect(git('rev-parse', 'HEAD')).toBe(head);
  expect(git('worktree', 'list').trim().split('\n')).toHaveLength(1);
  return out;
}

function summary(results: RefDiff[]): Record<string, string[] | string> {
  return Object.fromEntries(
    results.map((r) => [
      r.env,
      r.diff && r.status === 'changed'
        ? r.diff.resources.flatMap((res) =>
            res.kind === 'modified'
              ? res.changes.map((c) => `${res.id.kind}/${res.id.name} ${c.op} ${c.path}`)
              : [`${res.id.kind}/${res.id.name} ${res.kind}`],
          )
        : r.status,
    ]),
  );
}

function commitAll(message: string): void {
  git('add', '-A');
  git('-c', 'user.name=t', '-c', 'user.email=t@example.com', 'commit', '-qm', message);
}

describe.skipIf(!hasKubectl)('diffRefs on a temporary repository', () => {
  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'kcfg-diff-refs-'));
    cacheDir = mkdtempSync(join(tmpdir(), 'kcfg-diff-refs-cache-'));
    git('init', '-q');
    write('kcfg.yaml', kcfgYaml(['staging', 'production']));
    write(
      'base/kustomization.yaml',
      'resources: [deployment.yaml, service.yaml]\nconfigMapGenerator:\n  - name: app-config\n    literals: [LEVEL=info, COLOR=blue]\n',
    );
    write(
      'base/deployment.yaml',
      `apiVersion: apps/v1
kind: Deployment
metadata: {name: api}
spec:
  replicas: 1
  selector: {matchLabels: {app: api}}
  template:
    metadata: {labels: {app: api}}
    spec:
      containers:
        - name: api
          image: ghcr.io/acme/api:1.0
          envFrom: [{configMapRef: {name: app-config}}]
`,
    );
    write(
      'base/service.yaml',
      'apiVersion: v1\nkind: Service\nmetadata: {name: api}\nspec:\n  selector: {app: api}\n  ports: [{port: 80, targetPort: 8080}]\n',
    );
    write(
      'overlays/staging/kustomization.yaml',
      'namespace: staging\nnamePrefix: stg-\nresources: [../../base, debug-configmap.yaml]\npatches: [{path: replicas.yaml}]\nconfigMapGenerator:\n  - name: app-config\n    behavior: merge\n    literals: [LEVEL=debug]\n',
    );
    write(
      'overlays/staging/replicas.yaml',
      'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: api}\nspec: {replicas: 2}\n',
    );
    write(
      'overlays/staging/debug-configmap.yaml',
      'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: debug}\ndata: {TRACE: "1"}\n',
    );
    write(
      'overlays/production/kustomization.yaml',
      'namespace: production\nresources: [../../base]\npatches: [{path: replicas.yaml}]\n',
    );
    write(
      'overlays/production/replicas.yaml',
      'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: api}\nspec: {replicas: 5}\n',
    );
    commitAll('base');
  });
  afterAll(() => {
    if (root) rmSync(root, { recursive: true, force: true });
    if (cacheDir) rmSync(cacheDir, { recursive: true, force: true });
  });

  it('a clean working tree renders nothing', async () => {
    expect(summary(await run())).toEqual({ production: 'unchanged', staging: 'unchanged' });
    expect(rendered).toEqual([]);
  });

  it('a base file change appears in every environment, and only there', async () => {
    write(
      'base/service.yaml',
      'apiVersion: v1\nkind: Service\nmetadata: {name: api}\nspec:\n  selector: {app: api}\n  ports: [{port: 80, targetPort: 9090}]\n',
    );
    expect(summary(await run())).toEqual({
      production: ['Service/api replace /spec/ports/0/targetPort'],
      staging: ['Service/api replace /spec/ports/0/targetPort'],
    });
    commitAll('port');
  });

  it('an overlay patch changes only its environment; the other is not rendered', async () => {
    write(
      'overlays/staging/replicas.yaml',
      'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: api}\nspec: {replicas: 3}\n',
    );
    const results = await run();
    expect(summary(results)).toEqual({ production: 'unchanged', staging: ['Deployment/api replace /spec/replicas'] });
    expect(rendered.sort()).toEqual(['ref:staging', 'work:staging']);
    expect(results.find((r) => r.env === 'production')).toMatchObject({
      rendered: false,
      reason: 'kustomization closure unchanged, not rendered',
    });
    commitAll('replicas');
  });

  it('a generator literal changes one ConfigMap (hash un-done), not the workloads, with a roll note', async () => {
    write(
      'overlays/staging/kustomization.yaml',
      readFileSync(join(root, 'overlays/staging/kustomization.yaml'), 'utf8').replace('LEVEL=debug', 'LEVEL=trace'),
    );
    const results = await run();
    expect(summary(results)).toEqual({
      production: 'unchanged',
      staging: ['ConfigMap/app-config replace /data/LEVEL'],
    });
    const cm = results.find((r) => r.env === 'staging')!.diff!.resources[0]!;
    expect(cm.a!.name).not.toBe(cm.b!.name);
    expect(cm.notes).toEqual([
      expect.stringMatching(
        /^generated name changed \(stg-app-config-\w{10} → stg-app-config-\w{10}\): pods of Deployment stg-api will roll$/,
      ),
    ]);
    commitAll('literal');
  });

  it('adding and removing resources shows up only where they are', async () => {
    write(
      'overlays/production/pdb.yaml',
      'apiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata: {name: api}\nspec: {minAvailable: 1, selector: {matchLabels: {app: api}}}\n',
    );
    write(
      'overlays/production/kustomization.yaml',
      'namespace: production\nresources: [../../base, pdb.yaml]\npatches: [{path: replicas.yaml}]\n',
    );
    write(
      'overlays/staging/kustomization.yaml',
      readFileSync(join(root, 'overlays/staging/kustomization.yaml'), 'utf8').replace(', debug-configmap.yaml', ''),
    );
    rmSync(join(root, 'overlays/staging/debug-configmap.yaml'));
    expect(summary(await run())).toEqual({
      production: ['PodDisruptionBudget/api added'],
      staging: ['ConfigMap/debug removed'],
    });
    commitAll('add and remove');
  });

  it('environments added or removed since the ref are reported without rendering', async () => {
    write('kcfg.yaml', kcfgYaml(['production', 'qa']));
    write('overlays/qa/kustomization.yaml', 'resources: [../../base]\n');
    const results = await run();
    expect(results.map((r) => [r.env, r.status, r.rendered])).toEqual([
      ['production', 'unchanged', false],
      ['qa', 'added', false],
      ['staging', 'removed', false],
    ]);
  });

  it('an unknown ref is a usage error', async () => {
    await expect(diffRefs(config(), 'no-such-ref', [], { ignore: [], sensitive: [], deps })).rejects.toThrow(
      /not a commit/,
    );
  });
});
