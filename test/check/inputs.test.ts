// `kcfg validate FILE`: what `kubectl get -o yaml` writes (a kind: List) is validated item by item, and
// every finding points at the item's line in the file.

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadInput } from '../../scripts/check/inputs.js';
import { fileLocator, toDiagnostic } from '../../scripts/check/locate.js';
import { validateResources } from '../../scripts/validate/index.js';

const LIST = `apiVersion: v1
kind: List
metadata:
  resourceVersion: ""
items:
- apiVersion: v1
  kind: ConfigMap
  metadata:
    name: settings
    namespace: shop
  data:
    mode: fast
- apiVersion: apps/v1
  kind: Deployment
  metadata:
    name: web
    namespace: shop
  spec:
    replicas: "two"
    selector:
      matchLabels: {app: web}
    template:
      metadata:
        labels: {app: web}
      spec:
        containers:
        - name: web
          image: nginx:1.27
- kind: ConfigMap
  data: {}
`;

function load(text: string) {
  const dir = mkdtempSync(join(tmpdir(), 'kcfg-inputs-'));
  writeFileSync(join(dir, 'dump.yaml'), text);
  return loadInput(dir, 'dump.yaml', () => '');
}

describe('loadInput', () => {
  it('expands a kind: List into its items', () => {
    const input = load(LIST);
    expect(input.resources.map((r) => `${r.kind}/${r.id.name}`)).toEqual(['ConfigMap/settings', 'Deployment/web']);
    // The third item has no apiVersion or metadata: reported at its own line, not the list's.
    expect(input.findings).toEqual([
      expect.objectContaining({ code: 'resource/malformed', source: { file: 'dump.yaml', line: 29, column: 3 } }),
    ]);
  });

  it('locates a schema error inside an item at the item field', () => {
    const input = load(LIST);
    const v = validateResources(input.resources, { kubernetesVersion: '1.32', allowUnknownKinds: [] });
    const replicas = v.findings.find((f) => f.pointer === '/spec/replicas');
    expect(replicas).toBeDefined();
    expect(toDiagnostic(replicas!, 'dump.yaml', fileLocator).source).toEqual({
      file: 'dump.yaml',
      line: 19,
      column: 5,
    });
  });

  it('leaves a custom kind whose name ends in List alone when it has a spec', () => {
    const input = load('apiVersion: example.com/v1\nkind: AllowList\nmetadata: {name: a}\nspec:\n  items: [x]\n');
    expect(input.resources.map((r) => r.kind)).toEqual(['AllowList']);
  });
});
