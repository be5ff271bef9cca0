// The broken-on-purpose fixture through the real pipeline (real Kustomize, validation, policies, provenance):
// every row of its EXPECTED.md must be reported, at the line a person should edit.

import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CheckResult } from '../../scripts/check/result.js';
import { runCheck } from '../../scripts/check/run.js';
import { loadConfig } from '../../scripts/config/index.js';

const root = join(import.meta.dirname, '../fixtures/broken');
const cacheDir = mkdtempSync(join(tmpdir(), 'kcfg-broken-'));

const expected = readFileSync(join(root, 'EXPECTED.md'), 'utf8')
  .split('\n')
  .filter((l) => l.startsWith('| `'))
  .map((l) => {
    const cells = l.split(' | ').map((c) => c.replace(/^\|? ?`?|`$/g, ''));
    const [file, line] = cells[2]!.split(':');
    const [kind, name] = cells[3]!.split('/');
    return {
      id: cells[0]!,
      severity: cells[1]!,
      file: file!,
      line: Number(line),
      kind: kind!,
      name: name!,
      pointer: cells[4]!,
    };
  });

let result: CheckResult;
beforeAll(async () => {
  const config = { ...loadConfig(root, { ...process.env, KCFG_CACHE_DIR: cacheDir }) };
  result = (await runCheck('check', config, config.environments, { validate: true, policies: true }, { cache: false }))
    .result;
});
afterAll(() => rmSync(cacheDir, { recursive: true, force: true }));

describe('broken fixture', () => {
  it('has an expectation for many policies', () => {
    expect(expected.length).toBeGreaterThan(40);
  });

  it.each(expected.map((e) => [`${e.id} at ${e.file}:${e.line}`, e] as const))('reports %s', (_name, e) => {
    const hit = result.diagnostics.find(
      (d) =>
        d.code === `policy/${e.id}` &&
        d.pointer === e.pointer &&
        d.resource?.kind === e.kind &&
        d.resource.name === e.name,
    );
    expect(hit, `no policy/${e.id} finding for ${e.kind}/${e.name} at ${e.pointer}`).toBeDefined();
    expect(hit!.severity).toBe(e.severity);
    expect(`${hit!.source?.file}:${hit!.source?.line}`).toBe(`${e.file}:${e.line}`);
    expect(hit!.environments).toEqual(['broken']);
  });

  it('fails the check with exit-worthy errors and no finding without a location', () => {
    expect(result.diagnostics.some((d) => d.severity === 'error')).toBe(true);
    expect(result.diagnostics.filter((d) => !d.source)).toEqual([]);
  });
});
