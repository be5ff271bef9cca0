import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RenderedEnvironment } from '../../scripts/core/rendered.js';
import type { Environment } from '../../scripts/core/resource.js';
import { createLocator } from '../../scripts/provenance/index.js';
import { find, lineOf, render, writeTree } from './fixture.js';
import { LAYERED } from './layers-fixture.js';

const TOP: Environment = { name: 'top', dir: 'top', kubernetesVersion: '1.32' };
let root: string;
let top: RenderedEnvironment;

beforeAll(async () => {
  root = writeTree(LAYERED);
  top = await render(root, TOP);
}, 60_000);

afterAll(() => rmSync(root, { recursive: true, force: true }));

const c0 = '/spec/template/spec/containers/0';

// [what, kind, rendered name, pointer, file, needle, occurrence]
const cases: [string, string, string | RegExp, string, string, string, number?][] = [
  [
    'outer replicas entry beats the inner one',
    'Deployment',
    'web-v2',
    '/spec/replicas',
    'top/kustomization.yaml',
    'count: 4',
  ],
  [
    'images entry found through an inner newName',
    'Deployment',
    'web-v2',
    `${c0}/image`,
    'top/kustomization.yaml',
    'digest: sha256',
  ],
  ['nameSuffix', 'Deployment', 'web-v2', '/metadata/name', 'mid/kustomization.yaml', 'nameSuffix: -v2'],
  [
    'commonLabels reach selectors',
    'Deployment',
    'web-v2',
    '/spec/selector/matchLabels/tier',
    'mid/kustomization.yaml',
    'tier: frontend',
  ],
  [
    'labels with includeSelectors reach selectors',
    'Deployment',
    'web-v2',
    '/spec/selector/matchLabels/env',
    'top/kustomization.yaml',
    'env: top',
  ],
  [
    'labels with includeSelectors reach templates',
    'Deployment',
    'web-v2',
    '/spec/template/metadata/labels/env',
    'top/kustomization.yaml',
    'env: top',
  ],
  ['Service selector is a selector', 'Service', 'web-v2', '/spec/selector/env', 'top/kustomization.yaml', 'env: top'],
  [
    'selector label the overlays do not set',
    'Deployment',
    'web-v2',
    '/spec/selector/matchLabels/app',
    'base/app.yaml',
    'app: web',
    1,
  ],
  [
    'outer commonLabels beat the base value',
    'Deployment',
    'web-v2',
    '/metadata/labels/tier',
    'mid/kustomization.yaml',
    'tier: frontend',
  ],
  ['deprecated patchesJson6902 add', 'Deployment', 'web-v2', `${c0}/imagePullPolicy`, 'mid/ops.yaml', 'value: Always'],
  [
    'JSON6902 remove explains a missing field',
    'Deployment',
    'web-v2',
    `${c0}/args`,
    'mid/ops.yaml',
    'path: /spec/template/spec/containers/0/args',
  ],
  [
    'strategic merge null explains a missing field',
    'Deployment',
    'web-v2',
    `${c0}/livenessProbe`,
    'top/kustomization.yaml',
    'livenessProbe: null',
  ],
  [
    '$patch: replace sets what is below it',
    'Deployment',
    'web-v2',
    '/spec/template/spec/securityContext/runAsNonRoot',
    'top/kustomization.yaml',
    'runAsNonRoot: true',
  ],
  [
    '$patch: replace explains a dropped field',
    'Deployment',
    'web-v2',
    '/spec/template/spec/securityContext/fsGroup',
    'top/kustomization.yaml',
    'securityContext:',
  ],
  [
    'a target naming the suffixed name does not match before the suffix',
    'Deployment',
    'web-v2',
    '/spec/minReadySeconds',
    'base/app.yaml',
    'spec:',
    1,
  ],
  [
    'replacement target points at the replacement source',
    'Deployment',
    'web-v2',
    `${c0}/env/0/value`,
    'top/kustomization.yaml',
    'fieldPath: metadata.name',
  ],
  ['env item name is still the base line', 'Deployment', 'web-v2', `${c0}/env/0/name`, 'base/app.yaml', '- name: SVC'],
  [
    'item of a kind: List document',
    'ServiceAccount',
    'batch-v2',
    '/automountServiceAccountToken',
    'base/list.yaml',
    'automountServiceAccountToken: false',
  ],
  [
    'generator files entry',
    'ConfigMap',
    /^files-v2-/,
    '/data/app.properties',
    'base/kustomization.yaml',
    '- app.properties',
  ],
  [
    'generator files entry with a key',
    'ConfigMap',
    /^files-v2-/,
    '/data/custom',
    'base/kustomization.yaml',
    'custom=extra.conf',
  ],
  [
    'generator entry options label',
    'ConfigMap',
    /^files-v2-/,
    '/metadata/labels/generated',
    'base/kustomization.yaml',
    'generated: "yes"',
  ],
  [
    'generatorOptions annotation',
    'ConfigMap',
    /^files-v2-/,
    '/metadata/annotations/note',
    'base/kustomization.yaml',
    'note: from-generator',
  ],
  [
    'generated name with an overlay suffix',
    'ConfigMap',
    /^files-v2-/,
    '/metadata/name',
    'mid/kustomization.yaml',
    'nameSuffix: -v2',
  ],
];

describe('locate through stacked overlays', () => {
  it.each(cases)('%s', (_what, kind, name, pointer, file, needle, occurrence) => {
    const locator = createLocator({ root, env: TOP });
    const { source } = locator.locate(find(top, kind, name), pointer);
    expect(source ? `${source.file}:${source.line}` : undefined, pointer).toBe(
      `${file}:${lineOf(root, file, needle, occurrence)}`,
    );
  });

  it('the inner overlay alone points at its own entries', async () => {
    const mid = await render(root, { name: 'mid', dir: 'mid', kubernetesVersion: '1.32' });
    const locator = createLocator({ root, env: mid.env });
    const deployment = find(mid, 'Deployment', 'web-v2');
    expect(locator.locate(deployment, '/spec/replicas').source?.line).toBe(
      lineOf(root, 'mid/kustomization.yaml', 'count: 2'),
    );
    expect(locator.locate(deployment, `${c0}/image`).source).toMatchObject({
      file: 'mid/kustomization.yaml',
      line: lineOf(root, 'mid/kustomization.yaml', 'newName:'),
    });
    expect(locator.locate(deployment, `${c0}/env/0/value`).source?.file).toBe('base/app.yaml');
  }, 60_000);
});
