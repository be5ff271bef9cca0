// This repository's staging and production overlays differ in exactly the intended ways, and parity is clean.
// When an overlay changes on purpose, update the expected set here in the same commit.

import { fileURLToPath } from 'node:url';
import { execFileSync } from 'node:child_process';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../scripts/config/load.js';
import type { RenderedEnvironment } from '../../scripts/core/rendered.js';
import { diffEnvironments } from '../../scripts/diff/environments.js';
import { loadMergeKeys } from '../../scripts/diff/merge-keys.js';
import { loadParityConfig, parityFindings } from '../../scripts/diff/parity.js';
import type { EnvDiff } from '../../scripts/diff/types.js';
import { renderEnvironments } from '../../scripts/render/index.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const hasKubectl = (() => {
  try {
    execFileSync('kubectl', ['version', '--client'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

/** Labels that name the environment and its release: they differ on every object, by design. */
const IDENTITY = /\/labels\/app\.kubernetes\.io~1(instance|version)$/;

describe.skipIf(!hasKubectl)('staging → production on this repository', () => {
  let diff: EnvDiff;
  beforeAll(async () => {
    const config = loadConfig(root);
    const envs = ['staging', 'production'].map((n) => config.environments.find((e) => e.name === n)!);
    const [staging, production] = (await renderEnvironments(config, envs)) as [
      RenderedEnvironment,
      RenderedEnvironment,
    ];
    expect(staging.findings.filter((f) => f.severity === 'error')).toEqual([]);
    diff = diffEnvironments(staging, production, {
      ...config.diff,
      root,
      mergeKeys: loadMergeKeys(root, production.env.kubernetesVersion),
    });
  });

  it('shows exactly the intended differences', () => {
    const lines = diff.resources.flatMap((r) =>
      r.kind === 'modified'
        ? r.changes.filter((c) => !IDENTITY.test(c.path)).map((c) => `${r.id.kind}/${r.id.name} ${c.op} ${c.label}`)
        : [`${r.id.kind}/${r.id.name} ${r.kind}`],
    );
    expect(lines.sort()).toEqual(
      [
        'Certificate/relay-api replace spec.dnsNames[0]',
        'Certificate/relay-api replace spec.issuerRef.name',
        'ConfigMap/relay-config replace data.PUBLIC_HOST',
        'CronJob/postgres-backup removed',
        'Deployment/relay-api replace spec.template.spec.containers[api].resources.limits.cpu',
        'Deployment/relay-api replace spec.template.spec.containers[api].resources.limits.memory',
        'Deployment/relay-api replace spec.template.spec.containers[api].resources.requests.cpu',
        'Deployment/relay-api replace spec.template.spec.containers[api].resources.requests.memory',
        'Deployment/relay-api replace spec.template.spec.initContainers[wait-for-database].image',
        'Deployment/relay-worker replace spec.template.spec.containers[worker].resources.limits.cpu',
        'Deployment/relay-worker replace spec.template.spec.containers[worker].resources.limits.memory',
        'Deployment/relay-worker replace spec.template.spec.containers[worker].resources.requests.cpu',
        'Deployment/relay-worker replace spec.template.spec.containers[worker].resources.requests.memory',
        'Deployment/relay-worker replace spec.template.spec.initContainers[wait-for-database].image',
        'Ingress/relay-api replace metadata.annotations["nginx.ingress.kubernetes.io/cors-allow-origin"]',
        'Ingress/relay-api replace metadata.annotations["nginx.ingress.kubernetes.io/limit-connections"]',
        'Ingress/relay-api replace metadata.annotations["nginx.ingress.kubernetes.io/limit-rps"]',
        'Job/relay-migrate replace spec.template.spec.containers[migrate].image',
        'NetworkPolicy/postgres-backup removed',
        'PersistentVolumeClaim/postgres-backup removed',
        'PrometheusRule/postgres removed',
        'ConfigMap/relay-config replace data.DATABASE_HOST',
        'ConfigMap/relay-config replace data.DATABASE_SSLMODE',
        'ConfigMap/relay-config replace data.FEATURE_BATCH_DELIVERY',
        'ConfigMap/relay-config replace data.LOG_LEVEL',
        'CronJob/relay-cleanup replace spec.jobTemplate.spec.template.spec.containers[cleanup].image',
        'Deployment/relay-api replace spec.template.spec.containers[api].image',
        'Deployment/relay-worker replace spec.template.spec.containers[worker].image',
        'HorizontalPodAutoscaler/relay-api replace spec.maxReplicas',
        'HorizontalPodAutoscaler/relay-api replace spec.minReplicas',
        'HorizontalPodAutoscaler/relay-worker replace spec.maxReplicas',
        'HorizontalPodAutoscaler/relay-worker replace spec.minReplicas',
        'Ingress/relay-api replace spec.rules[0].host',
        'Ingress/relay-api replace spec.tls[0].hosts[0]',
        'NetworkPolicy/postgres removed',
        'NetworkPolicy/relay-allow-database-egress add spec.egress[0].to[0].ipBlock',
        'NetworkPolicy/relay-allow-database-egress remove spec.egress[0].to[0].podSelector',
        'Service/postgres removed',
        'ServiceAccount/postgres removed',
        'StatefulSet/postgres removed',
      ].sort(),
    );
    // Every paired resource differs in its instance label and relay's release label only otherwise.
    const identityOnly = diff.resources.filter(
      (r) => r.kind === 'modified' && r.changes.every((c) => IDENTITY.test(c.path)),
    );
    for (const r of identityOnly) {
      for (const c of r.changes) {
        const [from, to] = c.path.endsWith('instance') ? ['relay-staging', 'relay-production'] : ['1.5.0', '1.4.2'];
        expect(c).toMatchObject({ old: { value: from }, new: { value: to } });
      }
    }
  });

  it('the generated ConfigMap is one object whose workloads will roll', () => {
    const cm = diff.resources.find((r) => r.id.kind === 'ConfigMap' && r.id.name === 'relay-config')!;
    expect(cm.notes).toEqual([
      expect.stringMatching(
        /pods of Deployment relay-api, Deployment relay-worker, CronJob relay-cleanup, Job relay-migrate will roll$/,
      ),
    ]);
  });

  it('parity is clean', () => {
    const findings = parityFindings(diff, loadParityConfig(root));
    expect(findings.map((f) => f.message)).toEqual([]);
  });
});
