// A CheckResult with the shapes reporters must handle: several files and environments, rendered-only
// positions, file-level findings, characters that need escaping, and an environment diff.

import { loadCatalog } from '../../scripts/check/catalog.js';
import type { CheckResult } from '../../scripts/check/result.js';
import type { Diagnostic } from '../../scripts/core/diagnostic.js';
import type { DiffSection } from '../../scripts/diff/types.js';

export const ROOT = new URL('./root/', import.meta.url).pathname;

export function sampleDiagnostics(): Diagnostic[] {
  return [
    {
      code: 'policy/run-as-non-root',
      severity: 'error',
      message: 'container api does not set runAsNonRoot: true (neither on the container nor the pod)',
      environments: ['staging', 'production'],
      resource: { group: 'apps', version: 'v1', kind: 'Deployment', namespace: 'relay', name: 'api' },
      pointer: '/spec/template/spec/containers/0/securityContext',
      source: { file: 'base/deployment-api.yaml', line: 7, column: 5 },
      rendered: { file: '<rendered:staging>', line: 40, column: 9 },
      hint: 'set securityContext.runAsNonRoot: true on the pod or the container',
      docs: 'docs/policies/run-as-non-root.md',
    },
    {
      code: 'schema/unknown-field',
      severity: 'error',
      message: 'unknown field "replicass" in Deployment <spec>, 100% & more: see "docs"',
      environments: ['staging'],
      resource: { group: 'apps', version: 'v1', kind: 'Deployment', namespace: 'relay', name: 'api' },
      pointer: '/spec/replicass',
      source: { file: 'overlays/staging/replicas, patch.yaml', line: 3, column: 3 },
    },
    {
      code: 'policy/image-tag',
      severity: 'warning',
      message: 'image busybox uses the mutable tag latest\nsecond line',
      environments: ['production'],
      resource: { group: 'batch', version: 'v1', kind: 'CronJob', namespace: 'relay', name: 'cleanup' },
      pointer: '/spec/jobTemplate/spec/template/spec/containers/0/image',
      source: { file: '<rendered:production>', line: 12, column: 18 },
    },
    {
      code: 'kustomization/deprecated-field',
      severity: 'info',
      message: 'commonLabels is deprecated | use labels',
      environments: ['staging'],
      source: { file: 'overlays/staging/kustomization.yaml', line: 2, column: 1 },
    },
  ];
}

export function sampleDiff(): DiffSection[] {
  return [
    {
      title: 'staging → production',
      status: 'changed',
      diff: {
        a: 'staging',
        b: 'production',
        unchanged: 3,
        resources: [
          {
            kind: 'modified',
            id: { group: 'apps', version: 'v1', kind: 'Deployment', namespace: 'relay', name: 'api' },
            changes: [
              { path: '/spec/replicas', label: 'spec.replicas', op: 'replace', old: { value: 1 }, new: { value: 3 } },
              {
                path: '/data/password',
                label: 'data.password',
                op: 'replace',
                old: { hash: 'aaaa1111' },
                new: { hash: 'bbbb2222' },
                sensitive: true,
              },
            ],
            notes: ['pods roll: the <config> changed'],
          },
          {
            kind: 'added',
            id: { group: 'policy', version: 'v1', kind: 'PodDisruptionBudget', namespace: 'relay', name: 'api' },
            changes: [],
            notes: [],
          },
        ],
      },
    },
  ];
}

export function sampleResult(overrides: Partial<CheckResult> = {}): CheckResult {
  return {
    command: 'check',
    engine: { command: 'kubectl kustomize', version: 'v5.5.0' },
    environments: [
      {
        name: 'staging',
        dir: 'overlays/staging',
        kubernetesVersion: '1.32',
        resources: 2,
        cached: false,
        resourceIds: [
          { group: 'apps', version: 'v1', kind: 'Deployment', namespace: 'relay', name: 'api' },
          { group: '', version: 'v1', kind: 'Service', namespace: 'relay', name: 'api' },
        ],
      },
      { name: 'production', dir: 'overlays/production', kubernetesVersion: '1.32', resources: 3, cached: true },
    ],
    diagnostics: sampleDiagnostics(),
    suppressed: 1,
    skippedRules: [],
    durationMs: 123.4,
    ...overrides,
  };
}

export const OPTIONS = {
  root: ROOT,
  color: false,
  quiet: false,
  verbose: false,
  virtualFiles: new Map<string, string>(),
  catalog: await loadCatalog(),
};
