// A small Kustomize tree exercising every way a value can be set: base files (one with several documents),
// a component, an overlay with strategic merge and JSON6902 patches (files and inline), replicas, images,
// namespace, namePrefix, labels, annotations, and ConfigMap/Secret generators merged across layers.

import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Config } from '../../scripts/config/types.js';
import type { RenderedEnvironment } from '../../scripts/core/rendered.js';
import type { Environment, Resource } from '../../scripts/core/resource.js';
import { renderEnvironments } from '../../scripts/render/index.js';

export const FILES: Record<string, string> = {
  'base/kustomization.yaml': `apiVersion: kustomize.config.k8s.io/v1beta1
kind: Kustomization
resources:
  - deployment.yaml
  - services.yaml
patchesStrategicMerge:
  - probe.yaml
configMapGenerator:
  - name: settings
    literals:
      - LOG_LEVEL=info
      - MODE=standard
secretGenerator:
  - name: db
    envs:
      - db.env
`,
  'base/deployment.yaml': `apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
  labels:
    app.kubernetes.io/name: api
spec:
  replicas: 1
  selector:
    matchLabels:
      app.kubernetes.io/name: api
  template:
    metadata:
      labels:
        app.kubernetes.io/name: api
    spec:
      containers:
        - name: api
          image: example/api:1.0
          ports:
            - name: http
              containerPort: 8080
          securityContext:
            runAsUser: 10001
          resources:
            limits:
              memory: 128Mi
`,
  'base/services.yaml': `apiVersion: v1
kind: ServiceAccount
metadata:
  name: api
---
apiVersion: v1
kind: Service
metadata:
  name: api-headless
spec:
  clusterIP: None
  selector:
    app.kubernetes.io/name: api
  ports:
    - name: http
      port: 8080
---
apiVersion: v1
kind: Service
metadata:
  name: api
spec:
  selector:
    app.kubernetes.io/name: api
  ports:
    - name: http
      port: 80
      targetPort: http
`,
  'base/probe.yaml': `apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
spec:
  template:
    spec:
      containers:
        - name: api
          readinessProbe:
            httpGet:
              path: /ready
              port: http
            periodSeconds: 5
`,
  'base/db.env': `# connection settings
DB_HOST=db.internal
DB_PASSWORD=not-a-real-secret
`,
  'components/monitoring/kustomization.yaml': `apiVersion: kustomize.config.k8s.io/v1alpha1
kind: Component
resources:
  - dashboards.yaml
patches:
  - patch: |-
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: api
      spec:
        template:
          metadata:
            annotations:
              prometheus.io/scrape: "true"
          spec:
            containers:
              - name: api
                ports:
                  - name: metrics
                    containerPort: 9090
`,
  'components/monitoring/dashboards.yaml': `apiVersion: v1
kind: ConfigMap
metadata:
  name: dashboards
data:
  api.json: "{}"
`,
  'overlays/prod/kustomization.yaml': `apiVersion: kustomize.config.k8s.io/v1beta1
kind: Kustomization
namespace: prod
namePrefix: prod-
resources:
  - ../../base
components:
  - ../../components/monitoring
labels:
  - pairs:
      team: core
commonAnnotations:
  owner: platform
replicas:
  - name: api
    count: 3
images:
  - name: example/api
    newTag: "2.0"
patches:
  - path: memory.yaml
  - patch: |-
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: api
      spec:
        template:
          spec:
            terminationGracePeriodSeconds: 45
  - target:
      kind: Deployment
      name: api
    patch: |-
      - op: add
        path: /spec/template/spec/containers/0
        value:
          name: proxy
          image: envoyproxy/envoy:v1.30.0
          args: ["--log-level", "info"]
  - target:
      kind: Service
      name: api-.*
    path: headless.json6902.yaml
  - target:
      kind: Deployment
      name: api
    patch: '[{"op": "replace", "path": "/spec/strategy", "value": {"type": "Recreate"}}]'
configMapGenerator:
  - name: settings
    behavior: merge
    literals:
      - LOG_LEVEL=debug
`,
  'overlays/prod/memory.yaml': `apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
spec:
  template:
    spec:
      containers:
        - name: api
          resources:
            limits:
              memory: 512Mi
`,
  'overlays/prod/headless.json6902.yaml': `- op: add
  path: /spec/publishNotReadyAddresses
  value: true
`,
};

export const PROD: Environment = { name: 'prod', dir: 'overlays/prod', kubernetesVersion: '1.32' };

export function writeTree(files: Record<string, string> = FILES): string {
  const root = mkdtempSync(join(tmpdir(), 'kcfg-provenance-'));
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, rel)), { recursive: true });
    writeFileSync(join(root, rel), text);
  }
  return root;
}

export function testConfig(root: string, environments: Environment[]): Config {
  return {
    root,
    repoRoot: root,
    environments,
    engine: { command: 'kubectl', loadRestrictor: 'RootOnly' },
    schemas: { allowUnknownKinds: [], kubernetesVersion: '1.32', crds: [] },
    diff: { ignore: [], sensitive: [] },
    cacheDir: join(root, '.cache'),
  };
}

export async function render(root: string, env: Environment): Promise<RenderedEnvironment> {
  const [rendered] = await renderEnvironments(testConfig(root, [env]), [env], { cache: false, concurrency: 1 });
  // Silent no-ops are findings about the fixture (the layered one has one on purpose), not render failures.
  const failures = rendered?.findings.filter((f) => !f.code.endsWith('-matches-nothing')) ?? [];
  if (!rendered || failures.length > 0) throw new Error(`render failed: ${JSON.stringify(failures)}`);
  return rendered;
}

export function find(env: RenderedEnvironment, kind: string, name: string | RegExp): Resource {
  const r = env.resources.find(
    (x) => x.kind === kind && (typeof name === 'string' ? x.id.name === name : name.test(x.id.name)),
  );
  if (!r) throw new Error(`no ${kind} ${name} in ${env.resources.map((x) => `${x.kind}/${x.id.name}`).join(', ')}`);
  return r;
}

/** 1-based line of the `occurrence`-th line containing `needle` in a fixture file. */
export function lineOf(root: string, file: string, needle: string, occurrence = 1): number {
  const lines = readFileSync(join(root, file), 'utf8').split('\n');
  let seen = 0;
  for (let i = 0; i < lines.length; i++) if (lines[i]!.includes(needle) && ++seen === occurrence) return i + 1;
  throw new Error(`'${needle}' not found in ${file}`);
}
