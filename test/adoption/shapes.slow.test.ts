// Zero-config runs on repository layouts modelled on well-known public Kustomize repositories: for every
// environment kcfg discovers, its render verdict is `kubectl kustomize`'s (the wrapper changes nothing), no
// Component is an environment, and nothing is written into the working tree.

import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, kcfg, childEnv } from '../cli/helpers.js';
import { git, tempDir, untracked, write } from './consumer.js';

const cm = (name: string): string =>
  `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\ndata:\n  key: value\n`;
const deploy = (name: string): string =>
  `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ${name}\nspec:\n  selector:\n    matchLabels:\n      app: ${name}\n  template:\n    metadata:\n      labels:\n        app: ${name}\n    spec:\n      containers:\n        - name: ${name}\n          image: ghcr.io/example/${name}:1.0.0\n`;
const svc = (name: string): string =>
  `apiVersion: v1\nkind: Service\nmetadata:\n  name: ${name}\nspec:\n  selector:\n    app: ${name}\n  ports:\n    - port: 80\n`;
const COMPONENT = 'apiVersion: kustomize.config.k8s.io/v1alpha1\nkind: Component\n';

const SHAPES: Record<string, Record<string, string>> = {
  // An application with base and overlays, plus a separate kustomize folder for a second deployment style.
  'app-with-overlays': {
    'deploy/base/kustomization.yaml':
      'resources:\n  - deployment.yaml\n  - service.yaml\nconfigMapGenerator:\n  - name: app-config\n    literals: [MODE=base]\n',
    'deploy/base/deployment.yaml': deploy('web'),
    'deploy/base/service.yaml': svc('web'),
    'deploy/overlays/dev/kustomization.yaml':
      'namePrefix: dev-\nnamespace: dev\nresources:\n  - ../../base\nconfigMapGenerator:\n  - name: app-config\n    behavior: merge\n    literals: [MODE=dev]\n',
    'deploy/overlays/prod/kustomization.yaml':
      'namespace: prod\nresources:\n  - ../../base\nreplicas:\n  - name: web\n    count: 3\nimages:\n  - name: ghcr.io/example/web\n    newTag: 1.2.3\n',
    'kustomize/kustomization.yaml': 'namespace: demo\nresources:\n  - all.yaml\n',
    'kustomize/all.yaml': `${deploy('demo')}---\n${svc('demo')}`,
  },
  // A microservices demo: one root kustomization, a base, and many Components, most unused.
  'microservices-demo': {
    'kustomize/kustomization.yaml':
      'resources:\n  - base\ncomponents:\n  - components/network-policies\n# - components/cymbal-branding\n',
    'kustomize/base/kustomization.yaml': 'resources:\n  - frontend.yaml\n  - cart.yaml\n',
    'kustomize/base/frontend.yaml': `${deploy('frontend')}---\n${svc('frontend')}`,
    'kustomize/base/cart.yaml': `${deploy('cartservice')}---\n${svc('cartservice')}`,
    'kustomize/components/network-policies/kustomization.yaml': `${COMPONENT}resources:\n  - policy.yaml\n`,
    'kustomize/components/network-policies/policy.yaml':
      'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: deny-all\nspec:\n  podSelector: {}\n  policyTypes: [Ingress]\n',
    'kustomize/components/cymbal-branding/kustomization.yaml': `${COMPONENT}patches:\n  - patch: |-\n      apiVersion: apps/v1\n      kind: Deployment\n      metadata:\n        name: frontend\n      spec:\n        template:\n          spec:\n            containers:\n              - name: frontend\n                env:\n                  - name: CYMBAL_BRANDING\n                    value: "true"\n`,
    'kustomize/components/memorystore/kustomization.yaml': `${COMPONENT}resources:\n  - redis.yaml\n`,
    'kustomize/components/memorystore/redis.yaml': cm('redis-address'),
    'kustomize/components/container-images-tag/kustomization.yaml': `${COMPONENT}images:\n  - name: ghcr.io/example/frontend\n    newTag: v0.10.0\n`,
  },
  // Argo CD examples: independent applications side by side, some plain manifests without a kustomization.
  'argocd-examples': {
    'kustomize-guestbook/kustomization.yaml':
      'namePrefix: kustomize-\nresources:\n  - guestbook-ui-deployment.yaml\n  - guestbook-ui-svc.yaml\n',
    'kustomize-guestbook/guestbook-ui-deployment.yaml': deploy('guestbook-ui'),
    'kustomize-guestbook/guestbook-ui-svc.yaml': svc('guestbook-ui'),
    'guestbook/guestbook-ui-deployment.yaml': deploy('guestbook-ui'),
    'sync-waves/kustomization.yaml': 'resources:\n  - manifests.yaml\n',
    'sync-waves/manifests.yaml': cm('wave'),
    'helm-dependency/Chart.yaml': 'apiVersion: v2\nname: dep\nversion: 0.1.0\n',
  },
  // A Flux fleet: infrastructure and apps per cluster, flux-system per cluster.
  'flux-fleet': {
    'clusters/production/flux-system/kustomization.yaml': 'resources:\n  - gotk-sync.yaml\n',
    'clusters/production/flux-system/gotk-sync.yaml': cm('flux-sync-production'),
    'clusters/staging/flux-system/kustomization.yaml': 'resources:\n  - gotk-sync.yaml\n',
    'clusters/staging/flux-system/gotk-sync.yaml': cm('flux-sync-staging'),
    'infrastructure/controllers/kustomization.yaml': 'resources:\n  - ingress.yaml\n',
    'infrastructure/controllers/ingress.yaml': cm('ingress-values'),
    'apps/base/podinfo/kustomization.yaml': 'namespace: podinfo\nresources:\n  - release.yaml\n',
    'apps/base/podinfo/release.yaml': deploy('podinfo'),
    'apps/staging/kustomization.yaml':
      'resources:\n  - ../base/podinfo\npatches:\n  - path: podinfo-values.yaml\n    target:\n      kind: Deployment\n      name: podinfo\n',
    'apps/staging/podinfo-values.yaml': '- op: add\n  path: /spec/replicas\n  value: 1\n',
    'apps/production/kustomization.yaml':
      'resources:\n  - ../base/podinfo\nreplicas:\n  - name: podinfo\n    count: 2\n',
  },
  // The Kustomize examples folder: many small, independent kustomizations, including ones no one can build here.
  'kustomize-examples': {
    'examples/helloWorld/kustomization.yaml': 'commonLabels:\n  app: hello\nresources:\n  - deployment.yaml\n',
    'examples/helloWorld/deployment.yaml': deploy('the-deployment'),
    'examples/configGeneration/kustomization.yaml':
      'configMapGenerator:\n  - name: my-config\n    files:\n      - config.properties\n',
    'examples/configGeneration/config.properties': 'a=b\n',
    'examples/components/base/kustomization.yaml': 'resources:\n  - cm.yaml\n',
    'examples/components/base/cm.yaml': cm('conf'),
    'examples/components/ldap/kustomization.yaml': `${COMPONENT}configMapGenerator:\n  - name: conf\n    behavior: merge\n    literals: [ldap=true]\n`,
    'examples/components/overlays/community/kustomization.yaml':
      'resources:\n  - ../../base\ncomponents:\n  - ../../ldap\n',
    'examples/helm/kustomization.yaml':
      'helmCharts:\n  - name: minecraft\n    repo: https://charts.example.test\n    version: 3.1.3\n',
  },
};

describe('zero-config discovery on public repository shapes', () => {
  const roots: string[] = [];
  let cache: string;
  beforeAll(() => {
    ensureBuilt();
    cache = tempDir('shapes-cache');
  });
  afterAll(() => [...roots, cache].forEach((d) => rmSync(d, { recursive: true, force: true })));

  for (const [shape, files] of Object.entries(SHAPES)) {
    it(`${shape}: the verdict of kubectl kustomize for every environment, no Component, nothing written`, async () => {
      const root = tempDir(`shape-${shape}`);
      roots.push(root);
      write(root, files);
      git(root, 'init', '-q');
      git(root, 'add', '-A');
      git(root, 'commit', '-q', '-m', 'shape');
      const run = await kcfg(['check', '--format', 'json'], {
        cwd: root,
        env: childEnv({ XDG_CACHE_HOME: cache }),
        timeoutMs: 120_000,
      });
      // 2 where an environment does not render (the helm example: Helm is never enabled).
      expect([0, 1, 2], run.stderr).toContain(run.code);
      const report = JSON.parse(run.stdout) as {
        environments: { name: string; dir: string }[];
        diagnostics: { code: string; environments: string[]; message: string }[];
      };
      expect(report.environments.length).toBeGreaterThan(0);
      for (const env of report.environments) {
        const kustomization = files[`${env.dir}/kustomization.yaml`] ?? '';
        expect(kustomization, `${env.dir} is a Component`).not.toMatch(/kind: Component/);
        const kubectl = spawnSync('kubectl', ['kustomize', join(root, env.dir)], {
          encoding: 'utf8',
          env: { ...process.env, KUBECONFIG: '/dev/null' },
        });
        const failed = report.diagnostics.filter(
          (d) => d.code === 'render/failed' && d.environments.includes(env.name),
        );
        if (kubectl.status === 0) expect(failed, `${env.dir}: kubectl builds it`).toEqual([]);
        else expect(failed.length, `${env.dir}: kubectl fails (${kubectl.stderr.trim()})`).toBeGreaterThan(0);
      }
      expect(untracked(root)).toEqual([]);
    });
  }

  it('names environments by convention across the shapes', () => {
    // The names the runs above reported, checked on the Flux fleet where last segments clash.
    const root = roots.find((r) => r.includes('shape-flux-fleet'))!;
    const r = spawnSync(
      process.execPath,
      [join(import.meta.dirname, '../../bin/kcfg.js'), 'check', '--format', 'json'],
      { cwd: root, encoding: 'utf8', env: childEnv({ XDG_CACHE_HOME: cache }) },
    );
    const names = (JSON.parse(r.stdout) as { environments: { name: string }[] }).environments.map((e) => e.name).sort();
    expect(names).toEqual(['controllers', 'production', 'production-flux-system', 'staging', 'staging-flux-system']);
  });
});
