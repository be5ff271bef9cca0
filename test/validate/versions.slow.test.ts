// Every Kubernetes minor from 1.23 to 1.35, per environment, through the real engine.

import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { availableKubernetesVersions } from '../../scripts/schemas/location.js';
import { expectNoCrash, kcfg, sandbox } from '../cli/helpers.js';

const box = sandbox('kcfg-versions-');

describe('Kubernetes minors', () => {
  it('ships every minor from 1.23 to 1.35', () => {
    expect(availableKubernetesVersions()).toEqual(Array.from({ length: 13 }, (_, i) => `1.${23 + i}`));
  });

  it('an operator API version its pinned CRDs no longer serve says which to use', async () => {
    const file = join(box.tmp, 'operators.yaml');
    writeFileSync(
      file,
      'apiVersion: cert-manager.io/v1alpha2\nkind: Certificate\nmetadata: { name: c }\nspec: { secretName: s, issuerRef: { name: i } }\n',
    );
    const run = await kcfg(['validate', file, '--format', 'json'], { env: box.env, cwd: box.tmp });
    const [d] = (JSON.parse(run.stdout) as { diagnostics: { code: string; message: string; pointer: string }[] })
      .diagnostics;
    expect(d).toMatchObject({
      code: 'api/crd-version-removed',
      pointer: '/apiVersion',
      message: expect.stringMatching(
        /^cert-manager\.io\/v1alpha2 Certificate is not served by cert-manager\/cert-manager v[\d.]+ \(removed in cert-manager v1\.7\); use cert-manager\.io\/v1$/,
      ),
    });
  });

  it('judges one base by each environment’s own version: an API removed in 1.25, a field added in 1.28', async () => {
    const repo = join(box.tmp, 'repo');
    for (const d of ['base', 'overlays/old', 'overlays/new']) mkdirSync(join(repo, d), { recursive: true });
    writeFileSync(join(repo, 'base/kustomization.yaml'), 'resources:\n  - cronjob.yaml\n');
    writeFileSync(
      join(repo, 'base/cronjob.yaml'),
      `apiVersion: batch/v1beta1
kind: CronJob
metadata:
  name: report
spec:
  schedule: "0 3 * * *"
  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: OnFailure
          initContainers:
            - name: proxy
              image: envoy:1.30
              restartPolicy: Always
          containers:
            - name: report
              image: report:1.0
`,
    );
    for (const o of ['old', 'new'])
      writeFileSync(join(repo, `overlays/${o}/kustomization.yaml`), 'resources:\n  - ../../base\n');
    writeFileSync(
      join(repo, 'kcfg.yaml'),
      'environments:\n  - { path: overlays/old, kubernetesVersion: "1.24" }\n  - { path: overlays/new, kubernetesVersion: "1.29" }\n',
    );
    const run = await kcfg(['validate', '--format', 'json'], { env: box.env, cwd: repo });
    expectNoCrash(run);
    const doc = JSON.parse(run.stdout) as {
      diagnostics: { code: string; environments: string[]; source?: { file: string; line: number } }[];
    };
    const seen = doc.diagnostics.map((d) => [d.code, d.environments.join(','), d.source?.file, d.source?.line]);
    // 1.24 still serves batch/v1beta1 (deprecated) but has no sidecar restartPolicy; 1.29 no longer serves it.
    expect(seen).toContainEqual(['api/deprecated', 'old', 'base/cronjob.yaml', 1]);
    expect(seen).toContainEqual(['schema/unknown-field', 'old', 'base/cronjob.yaml', 15]);
    expect(seen).toContainEqual(['api/removed', 'new', 'base/cronjob.yaml', 1]);
    expect(seen.filter(([, e]) => e === 'new').map(([c]) => c)).toEqual(['api/removed']);
  });
});
