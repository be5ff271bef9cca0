// Benchmark for `npm run bench`: diff two synthetic environments of 1,000 resources each (target ≤ 300 ms).

import type { RenderedEnvironment } from '../core/rendered.js';
import { buildResources } from '../resources/build.js';
import { parseStream } from '../resources/parse.js';
import { diffEnvironments } from './environments.js';

function workload(i: number, env: string, prefix: string): string {
  const replicas = env === 'production' ? 4 : 1;
  const image = i % 10 === 0 && env === 'production' ? '1.1' : '1.0';
  const envVars = Array.from({ length: 8 }, (_, k) => `            - {name: VAR_${k}, value: "v${k}-${i}"}`);
  if (env === 'production') envVars.reverse();
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${prefix}app-${i}
  namespace: ${env}
  labels: {app.kubernetes.io/name: app-${i}, environment: ${env}}
spec:
  replicas: ${replicas}
  selector: {matchLabels: {app.kubernetes.io/name: app-${i}}}
  template:
    metadata: {labels: {app.kubernetes.io/name: app-${i}}}
    spec:
      containers:
        - name: app
          image: ghcr.io/acme/app-${i}:${image}
          ports: [{containerPort: 8080, name: http}]
          resources: {requests: {cpu: 100m, memory: 128Mi}, limits: {memory: 256Mi}}
          env:
${envVars.join('\n')}
          envFrom: [{configMapRef: {name: ${prefix}config-${i}}}]
          volumeMounts: [{name: data, mountPath: /data}]
      volumes: [{name: data, emptyDir: {}}]
`;
}

function configMap(i: number, env: string, prefix: string): string {
  return `apiVersion: v1
kind: ConfigMap
metadata: {name: ${prefix}config-${i}, namespace: ${env}}
data: {LOG_LEVEL: ${env === 'production' ? 'warn' : 'debug'}, FEATURE_${i}: "on", URL: "https://svc-${i}.${env}.example.com"}
`;
}

function service(i: number, env: string, prefix: string): string {
  return `apiVersion: v1
kind: Service
metadata: {name: ${prefix}svc-${i}, namespace: ${env}}
spec:
  selector: {app.kubernetes.io/name: app-${i}}
  ports: [{port: 80, targetPort: http, protocol: TCP}]
`;
}

/** Two rendered environments of `count` resources each: workloads, their ConfigMaps and Services. */
export function syntheticEnvironments(count = 1000): [RenderedEnvironment, RenderedEnvironment] {
  const make = (env: string, prefix: string): RenderedEnvironment => {
    const docs: string[] = [];
    for (let i = 0; docs.length < count; i++) {
      docs.push(workload(i, env, prefix));
      if (docs.length < count) docs.push(configMap(i, env, prefix));
      if (docs.length < count) docs.push(service(i, env, prefix));
    }
    const text = docs.join('---\n');
    const built = buildResources(parseStream(text, `<rendered:${env}>`).documents, env);
    return {
      env: { name: env, dir: `overlays/${env}`, kubernetesVersion: '1.32' },
      resources: built.resources,
      findings: [],
      locator: { locate: () => ({}) },
      engine: { command: 'synthetic', version: 'v5.5.0' },
      cached: false,
      output: text,
      closure: [],
    };
  };
  return [make('staging', 'stg-'), make('production', 'prod-')];
}

export async function benchDiff(runs = 9): Promise<{ medianMs: number; resources: number; differences: number }> {
  const [a, b] = syntheticEnvironments(1000);
  const times: number[] = [];
  let differences = 0;
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    const d = diffEnvironments(a, b, { ignore: [], sensitive: [] });
    times.push(performance.now() - t0);
    differences = d.resources.reduce((n, r) => n + r.changes.length, 0);
  }
  times.sort((x, y) => x - y);
  return { medianMs: times[Math.floor(times.length / 2)], resources: a.resources.length, differences };
}
