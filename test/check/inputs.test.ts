// `kcfg validate FILE`: what `kubectl get -o yaml` writes (a kind: List) is validated item by item, and
// every finding points at the item's line in the file.

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateInput } from '../../scripts/check/stream-input.js';

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

async function load(text: string) {
  const dir = mkdtempSync(join(tmpdir(), 'kcfg-inputs-'));
  writeFileSync(join(dir, 'dump.yaml'), text);
  return validateInput(dir, 'dump.yaml', { kubernetesVersion: '1.32', allowUnknownKinds: [], excerpts: false });
}

describe('validateInput on a kind: List', () => {
  it('expands the list into its items', async () => {
    const input = await load(LIST);
    expect(input.resources).toBe(2);
    // The third item has no apiVersion or metadata: reported at its own line, not the list's.
    expect(input.diagnostics.filter((d) => d.code === 'resource/malformed')).toEqual([
      expect.objectContaining({ source: { file: 'dump.yaml', line: 29, column: 3 } }),
    ]);
  });

  it('locates a schema error inside an item at the item field', async () => {
    const input = await load(LIST);
    const replicas = input.diagnostics.find((d) => d.pointer === '/spec/replicas');
    expect(replicas?.source).toEqual({ file: 'dump.yaml', line: 19, column: 5 });
    expect(replicas?.resource).toMatchObject({ kind: 'Deployment', name: 'web' });
  });

  it('leaves a custom kind whose name ends in List alone when it has a spec', async () => {
    const input = await load('apiVersion: example.com/v1\nkind: AllowList\nmetadata: {name: a}\nspec:\n  items: [x]\n');
    expect(input.resources).toBe(1);
    expect(input.diagnostics.map((d) => d.resource?.kind)).toEqual(['AllowList']);
  });
});
