// The registry of finding codes, its doc pages and the codes the checks emit, held together.

import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { POLICY_LIST } from '../../policies/index.js';
import { codePages } from '../../scripts/build/code-docs.js';
import { loadCatalog } from '../../scripts/check/catalog.js';
import { CODES, problem, type CodeId } from '../../scripts/codes/index.js';

const ids = Object.keys(CODES) as CodeId[];

/** Every `'area/rule'` string literal in the tool's sources outside the registry itself. */
function literalsInSources(): Set<string> {
  const files = execFileSync('git', ['ls-files', 'scripts', 'policies'], { encoding: 'utf8' })
    .split('\n')
    .filter((f) => f.endsWith('.ts') && !f.startsWith('scripts/codes/'));
  const out = new Set<string>();
  for (const f of files) for (const m of readFileSync(f, 'utf8').matchAll(/'([a-z0-9]+\/[a-z0-9-]+)'/g)) out.add(m[1]!);
  return out;
}

describe('finding code registry', () => {
  it('every code is area/rule in kebab case, with a title and why/fix text', () => {
    for (const id of ids) {
      expect(id).toMatch(/^[a-z]+\/[a-z0-9]+(-[a-z0-9]+)*$/);
      const def = CODES[id];
      expect(def.title.length, id).toBeGreaterThan(3);
      expect(def.why.length, id).toBeGreaterThan(30);
      expect(def.fix.length, id).toBeGreaterThan(10);
    }
  });

  it('docs/codes/ holds exactly the generated pages (run `npm run docs:codes` after editing the registry)', () => {
    const pages = codePages();
    for (const [file, text] of pages)
      expect(existsSync(file) ? readFileSync(file, 'utf8') : '(missing)', file).toBe(text);
    const committed = execFileSync('git', ['ls-files', 'docs/codes'], { encoding: 'utf8' }).trim().split('\n');
    expect(committed.filter((f) => !pages.has(f))).toEqual([]);
  });

  it('every registry code is emitted somewhere in the sources, and every emitted literal is registered', () => {
    const literals = literalsInSources();
    const areas = new Set(ids.map((id) => id.split('/')[0]));
    expect(ids.filter((id) => !literals.has(id))).toEqual([]);
    const unregistered = [...literals].filter(
      (l) => areas.has(l.split('/')[0]!) && l.split('/')[0] !== 'policy' && !(l in CODES),
    );
    expect(unregistered).toEqual([]);
  });

  it('the catalog describes every registry code and every built-in policy, each with a page that exists', async () => {
    const catalog = await loadCatalog();
    expect(catalog.size).toBe(ids.length + POLICY_LIST.length);
    for (const info of catalog.values()) expect(existsSync(info.docs), info.docs).toBe(true);
  });

  it('messages are made from the arguments, never printing a missing one', () => {
    expect(problem('format/port', { field: 'containerPort', value: '70000' })).toMatchObject({
      code: 'format/port',
      severity: 'error',
      message: 'containerPort 70000 must be between 1 and 65535',
      args: { field: 'containerPort', value: '70000' },
      docs: 'docs/codes/format/port.md',
    });
    expect(problem('semantic/pdb-budget', { issue: 'neither' }, 'warning')).toMatchObject({
      severity: 'warning',
      hint: 'set minAvailable or maxUnavailable',
    });
    expect(problem('api/removed', { apiVersion: 'x/v1', kind: 'K', removedIn: '1.30', target: '1.32' }).message).toBe(
      'x/v1 K is not served by Kubernetes 1.32 (removed in 1.30); no replacement API exists',
    );
    expect(problem('schema/required', { field: 'spec.x' }).message).not.toMatch(/undefined/);
  });
});
