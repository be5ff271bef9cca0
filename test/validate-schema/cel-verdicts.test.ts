// CEL verdicts are remembered in the cache directory: a second run gives the same findings and skipped rules
// from the cache, and an edited value or rule is evaluated again.

import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { seal, unseal } from '../../scripts/core/machine-key.js';
import { describe, expect, it } from 'vitest';
import { createSchemaValidator, forgetLoadedSchemas } from '../../scripts/validate/schema/index.js';
import { resources } from './helpers.js';

const crd = (rules: string) => `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: gadgets.example.com
spec:
  group: example.com
  names: {kind: Gadget, plural: gadgets}
  scope: Namespaced
  versions:
    - name: v1
      served: true
      storage: true
      schema:
        openAPIV3Schema:
          type: object
          properties:
            spec:
              type: object
              x-kubernetes-validations:
${rules}
              properties:
                size: {type: integer}
                maxSize: {type: integer}
`;
const RULES = `                - rule: self.size <= self.maxSize
                  message: size must not exceed maxSize
                - rule: self.size >
                  message: broken on purpose`;
const gadget = (name: string, size: number) =>
  `---\napiVersion: example.com/v1\nkind: Gadget\nmetadata: {name: ${name}, namespace: shop}\nspec: {size: ${size}, maxSize: 4}\n`;

function run(cacheDir: string, text: string) {
  forgetLoadedSchemas();
  const v = createSchemaValidator({ kubernetesVersion: '1.32', allowUnknownKinds: [], cacheDir });
  const findings = v
    .validateAll(resources(text))
    .map((f) => `${f.subject?.id.name} ${f.code} ${f.pointer}: ${f.message}`);
  v.flush();
  return { findings, skipped: v.skippedCelRules().map((s) => `${s.rule}: ${s.reason.split(':')[0]}`) };
}

describe('CEL verdict cache', () => {
  const text = crd(RULES) + gadget('small', 2) + gadget('big', 9);

  it('a second run answers from the cache with the same findings and skipped rules', () => {
    const cache = mkdtempSync(join(tmpdir(), 'kcfg-cel-'));
    const first = run(cache, text);
    expect(first.findings).toEqual(['big schema/cel /spec: size must not exceed maxSize']);
    expect(first.skipped).toEqual(['self.size >: does not compile']);
    const files = readdirSync(join(cache, 'cel'));
    expect(files).toHaveLength(1);
    const stored = JSON.parse(unseal(join(cache, 'cel', files[0]!))!) as {
      compile: unknown;
      verdicts: Record<string, unknown>;
    };
    expect(stored.compile).toEqual([[null, expect.stringMatching(/^does not compile/)]]);
    expect(Object.keys(stored.verdicts)).toHaveLength(2);
    expect(run(cache, text)).toEqual(first);
  });

  it('the cached verdicts are what the second run reports (a changed verdict shows)', () => {
    const cache = mkdtempSync(join(tmpdir(), 'kcfg-cel-'));
    run(cache, text);
    const file = join(cache, 'cel', readdirSync(join(cache, 'cel'))[0]!);
    const stored = JSON.parse(unseal(file)!) as { verdicts: Record<string, unknown[]> };
    for (const k of Object.keys(stored.verdicts)) stored.verdicts[k] = [false, 'does not compile: x'];
    // Edited without the machine key, the entry is not kcfg's: it is ignored and the verdicts are computed again.
    writeFileSync(file, JSON.stringify(stored));
    expect(run(cache, text).findings).toHaveLength(1);
    writeFileSync(file, seal(JSON.stringify(stored)));
    expect(run(cache, text).findings).toHaveLength(2);
  });

  it('an edited value or rule is evaluated again', () => {
    const cache = mkdtempSync(join(tmpdir(), 'kcfg-cel-'));
    run(cache, text);
    expect(run(cache, crd(RULES) + gadget('small', 5) + gadget('big', 3)).findings).toEqual([
      'small schema/cel /spec: size must not exceed maxSize',
    ]);
    const stricter = RULES.replace('self.size <= self.maxSize', 'self.size < self.maxSize - 2');
    expect(run(cache, crd(stricter) + gadget('small', 2) + gadget('big', 9)).findings).toEqual([
      'small schema/cel /spec: size must not exceed maxSize',
      'big schema/cel /spec: size must not exceed maxSize',
    ]);
  });

  it('a damaged cache file is ignored', () => {
    const cache = mkdtempSync(join(tmpdir(), 'kcfg-cel-'));
    const first = run(cache, text);
    const file = join(cache, 'cel', readdirSync(join(cache, 'cel'))[0]!);
    writeFileSync(file, '{"verdicts": ');
    expect(run(cache, text)).toEqual(first);
  });
});
