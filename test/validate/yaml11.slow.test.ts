// YAML 1.1 traps and the values the API server enumerates, on a plain file and through the real engine.

import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectNoCrash, kcfg, sandbox } from '../cli/helpers.js';

const box = sandbox('kcfg-yaml11-');

interface Doc {
  diagnostics: {
    code: string;
    message: string;
    hint?: string;
    pointer?: string;
    source?: { file: string; line: number };
  }[];
}

const PLAIN = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  annotations:
    maintenance-window: 1:30
spec:
  selector: { matchLabels: { app: web } }
  template:
    metadata: { labels: { app: web } }
    spec:
      restartPolicy: Sometimes
      containers:
        - name: app
          image: nginx:1.27
          imagePullPolicy: always
          args: [--verbose, "on"]
          env:
            - name: FEATURE_X
              value: yes
            - name: MODE
              value: "off"
          ports: [{ containerPort: 80, protocol: tcp }]
---
apiVersion: v1
kind: ConfigMap
metadata: { name: flags }
data:
  enabled: NO
  quoted: "yes"
`;

describe('YAML 1.1 values and server enums', () => {
  it('a plain file: unquoted yes/NO/1:30 in string fields, at their lines; quoted ones pass', async () => {
    const file = join(box.tmp, 'plain.yaml');
    writeFileSync(file, PLAIN);
    const run = await kcfg(['validate', file, '--format', 'json'], { env: box.env, cwd: box.tmp });
    expectNoCrash(run);
    expect(run.code).toBe(1);
    const doc = JSON.parse(run.stdout) as Doc;
    const at = (code: string): [number | undefined, string | undefined][] =>
      doc.diagnostics.filter((d) => d.code === code).map((d) => [d.source?.line, d.pointer]);
    expect(at('yaml/yaml11-value')).toEqual([
      [6, '/metadata/annotations/maintenance-window'],
      [20, '/spec/template/spec/containers/0/env/0/value'],
      [29, '/data/enabled'],
    ]);
    expect(doc.diagnostics.find((d) => d.code === 'yaml/yaml11-value' && d.source?.line === 20)).toMatchObject({
      message: "yes is a string to YAML 1.2, but kubectl's YAML 1.1 reader sends true, which this field refuses",
      hint: 'quote it: "yes"',
    });
    expect(at('schema/enum').map(([line]) => line)).toEqual([12, 16, 23]);
  });

  it('through the real engine: Kustomize quotes the booleans, and numbers it makes are reported at the source line', async () => {
    const repo = join(box.tmp, 'repo');
    mkdirSync(join(repo, 'base'), { recursive: true });
    writeFileSync(join(repo, 'base/kustomization.yaml'), 'resources:\n  - cm.yaml\n');
    writeFileSync(
      join(repo, 'base/cm.yaml'),
      'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: flags\ndata:\n  enabled: yes\n  limit: 1_000\n  mask: 0x1F\n',
    );
    const run = await kcfg(['validate', 'base', '--format', 'json'], { env: box.env, cwd: repo });
    expectNoCrash(run);
    const doc = JSON.parse(run.stdout) as Doc;
    expect(doc.diagnostics.map((d) => [d.code, d.source?.file, d.source?.line])).toEqual([
      ['schema/type', 'base/cm.yaml', 7],
      ['schema/type', 'base/cm.yaml', 8],
    ]);
    expect(doc.diagnostics[0]!.hint).toMatch(/^quote the value/);
  });
});
