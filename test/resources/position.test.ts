import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isObject, joinPointer, type JsonValue } from '../../scripts/core/resource.js';
import { parseStream } from '../../scripts/resources/parse.js';
import { blockPosition } from '../../scripts/resources/block-position.js';
import { cstPosition, positionInDocument } from '../../scripts/resources/position.js';

/** Every pointer in a value, containers included. */
function pointers(value: JsonValue, prefix: (string | number)[] = [], out: string[] = []): string[] {
  out.push(joinPointer(...prefix));
  if (Array.isArray(value)) value.forEach((v, i) => pointers(v, [...prefix, i], out));
  else if (isObject(value)) for (const [k, v] of Object.entries(value)) pointers(v, [...prefix, k], out);
  return out;
}

function agreeOn(text: string, file: string): number {
  let checked = 0;
  for (const { doc, value } of parseStream(text, file).documents) {
    const all = pointers(value as JsonValue);
    // Pointers that do not exist exercise the "deepest existing ancestor" answer.
    all.push('/metadata/nope', '/spec/template/spec/containers/7/name', '/kind/deeper');
    for (const p of all) {
      expect(positionInDocument(doc, p), `${file} #${doc.index} ${p}`).toEqual(cstPosition(doc, p));
      checked++;
    }
  }
  return checked;
}

describe('positionInDocument', () => {
  it('matches the CST on hand-written block YAML, comments, quoted keys and odd layouts', () => {
    const text = [
      '# leading comment',
      '---',
      'apiVersion: apps/v1',
      'kind: Deployment',
      'metadata:',
      '  name: web   # trailing comment',
      '  labels:',
      '    "app.kubernetes.io/name": web',
      "    'quoted''key': x",
      '  annotations: {a: b}',
      'spec:',
      '  template:',
      '    spec:',
      '      containers:',
      '      - name: a',
      '        args:',
      '          - x',
      '          -',
      '            nested: 1',
      '        env:',
      '        - {name: A, value: b}',
      '      -   name: b',
      '          image: busybox',
      '          command: |',
      '            echo: not a key',
      '      volumes: []',
      '---',
      '- a',
      '- b: 1',
      '  c: [1, 2]',
    ].join('\n');
    expect(agreeOn(text, 'hand.yaml')).toBeGreaterThan(30);
  });

  it('matches the CST on every document of the golden renders', () => {
    for (const env of ['staging', 'production']) {
      const file = `test/golden/${env}.yaml`;
      expect(agreeOn(readFileSync(file, 'utf8'), file)).toBeGreaterThan(500);
    }
  });

  const corpus = process.env['KCFG_KRUSTY_CORPUS'];
  it.skipIf(!corpus)('matches the CST on every input and expected output of the krusty corpus', () => {
    const cases = join(corpus!, 'cases');
    let checked = 0;
    for (const c of readdirSync(cases)) {
      for (const f of readdirSync(join(cases, c), { recursive: true }) as string[]) {
        if (!/\.ya?ml$/.test(f)) continue;
        const text = readFileSync(join(cases, c, f), 'utf8');
        try {
          checked += agreeOn(text, `${c}/${f}`);
        } catch (e) {
          if (e instanceof Error && e.name === 'AssertionError') throw e;
        }
      }
    }
    expect(checked).toBeGreaterThan(5000);
  });

  it("answers without the CST for keys after a sequence written at its key's column (as Kustomize emits)", () => {
    const doc = [
      '---',
      'spec:',
      '  metrics:',
      '  - type: Resource',
      '    resource: {name: cpu}',
      '  scaleTargetRef:',
      '    name: api',
      '',
    ].join('\n');
    expect(blockPosition(doc, ['spec', 'scaleTargetRef', 'name'])).toEqual({ line: 6, column: 5, exact: true });
    expect(blockPosition(doc, ['spec', 'metrics', '0', 'type'])).toEqual({ line: 3, column: 5, exact: true });
  });
});
