import { describe, expect, it } from 'vitest';
import type { KObject, Resource } from '../../scripts/core/resource.js';
import { splitApiVersion } from '../../scripts/core/resource.js';
import { loadPolicyConfig } from '../../scripts/policy/config.js';
import { runPolicies } from '../../scripts/policy/engine.js';
import { ENV } from './harness.js';

const DOC = { file: '<rendered:production>', text: '', start: 0, end: 0, line: 1, index: 0 };

function resource(object: KObject): Resource {
  const meta = object['metadata'] as KObject;
  const apiVersion = object['apiVersion'] as string;
  const { group, version } = splitApiVersion(apiVersion);
  const namespace = meta['namespace'] as string | undefined;
  return {
    id: {
      group,
      version,
      kind: object['kind'] as string,
      name: meta['name'] as string,
      ...(namespace ? { namespace } : {}),
    },
    apiVersion,
    kind: object['kind'] as string,
    object,
    env: ENV.name,
    rendered: DOC,
  };
}

function container(name: string, i: number): KObject {
  return {
    name,
    image: `registry.example.com/app-${i}:1.${i}`,
    ports: [{ name: 'http', containerPort: 8080 }],
    resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { memory: '256Mi' } },
    readinessProbe: { httpGet: { path: '/ready', port: 'http' } },
    livenessProbe: { httpGet: { path: '/live', port: 'http' }, failureThreshold: 6 },
    securityContext: {
      allowPrivilegeEscalation: false,
      readOnlyRootFilesystem: i % 7 !== 0,
      capabilities: { drop: ['ALL'] },
    },
    env: [{ name: 'CONFIG', valueFrom: { configMapKeyRef: { name: `cfg-${i}`, key: 'a' } } }],
  };
}

/** A realistic mix: per app a Deployment, Service, ConfigMap, ServiceAccount, PDB and HPA (every 5th). */
function corpus(size: number): Resource[] {
  const out: Resource[] = [];
  for (let i = 0; out.length < size; i++) {
    const ns = `team-${i % 40}`;
    const labels = { 'app.kubernetes.io/name': `app-${i}` };
    out.push(
      resource({
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: {
          name: `app-${i}`,
          namespace: ns,
          labels,
          ...(i % 11 === 0
            ? {
                annotations: {
                  'kcfg.dev/exempt.read-only-root-filesystem': 'containers=app; reason=writes to /var/cache',
                },
              }
            : {}),
        },
        spec: {
          replicas: 1 + (i % 3),
          selector: { matchLabels: labels },
          template: {
            metadata: { labels },
            spec: {
              serviceAccountName: `app-${i}`,
              securityContext: { runAsNonRoot: true, runAsGroup: 1000, seccompProfile: { type: 'RuntimeDefault' } },
              containers: [container('app', i), container('proxy', i)],
            },
          },
        },
      }),
      resource({
        apiVersion: 'v1',
        kind: 'Service',
        metadata: { name: `app-${i}`, namespace: ns, labels },
        spec: { selector: labels, ports: [{ port: 80, targetPort: 'http' }] },
      }),
      resource({
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name: `cfg-${i}`, namespace: ns },
        data: { a: 'b' },
      }),
      resource({
        apiVersion: 'v1',
        kind: 'ServiceAccount',
        metadata: { name: `app-${i}`, namespace: ns },
        automountServiceAccountToken: false,
      }),
      resource({
        apiVersion: 'policy/v1',
        kind: 'PodDisruptionBudget',
        metadata: { name: `app-${i}`, namespace: ns },
        spec: { maxUnavailable: 1, selector: { matchLabels: labels } },
      }),
    );
    if (i % 5 === 0) {
      out.push(
        resource({
          apiVersion: 'autoscaling/v2',
          kind: 'HorizontalPodAutoscaler',
          metadata: { name: `app-${i}`, namespace: ns },
          spec: {
            minReplicas: 2,
            maxReplicas: 5,
            scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: `app-${i}` },
          },
        }),
      );
    }
  }
  return out.slice(0, size);
}

describe('performance', () => {
  it('evaluates at least 20,000 resources per second over 10,000 resources with every policy', () => {
    const config = loadPolicyConfig(process.cwd());
    const set = corpus(10_000);
    runPolicies({ env: ENV, resources: corpus(500), config, root: process.cwd() });
    let best = Infinity;
    let findings = 0;
    for (let round = 0; round < 3; round++) {
      const t0 = performance.now();
      const r = runPolicies({ env: ENV, resources: set, config, root: process.cwd() });
      best = Math.min(best, performance.now() - t0);
      findings = r.findings.length + r.suppressed.length;
    }
    const perSecond = Math.round(10_000 / (best / 1000));
    console.log(
      `policies: ${config.policies.length}, 10,000 resources in ${best.toFixed(0)} ms (${perSecond}/s), ${findings} findings`,
    );
    expect(findings).toBeGreaterThan(0);
    expect(perSecond).toBeGreaterThanOrEqual(20_000);
  });
});
