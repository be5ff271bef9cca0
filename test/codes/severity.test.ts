// Code severities from policies/config.yaml, end to end: the real engine renders two environments, and the
// same finding comes out with the configured severity in one, is dropped in the other, and carries its args.

import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir, write } from '../adoption/consumer.js';
import { childEnv, ensureBuilt, kcfg, tempCacheDir } from '../cli/helpers.js';

const SERVICE = `apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  selector: { app: web }
  ports:
    - { name: http, port: 80 }
    - { name: http, port: 81 }
`;

interface Report {
  diagnostics: { code: string; severity: string; environments: string[]; args?: unknown; docs?: string }[];
}

describe('finding code severities', () => {
  let root: string;
  let cache: string;
  beforeAll(() => {
    ensureBuilt();
    root = tempDir('codes-severity');
    cache = tempCacheDir();
    write(root, {
      'kcfg.yaml': [
        'environments:',
        '  - { name: staging, path: overlays/staging }',
        '  - { name: production, path: overlays/production }',
        '',
      ].join('\n'),
      'base/kustomization.yaml': 'resources: [service.yaml]\n',
      'base/service.yaml': SERVICE,
      'overlays/staging/kustomization.yaml': 'resources: [../../base]\n',
      'overlays/production/kustomization.yaml': 'resources: [../../base]\n',
      'policies/config.yaml': [
        'codes:',
        '  semantic/service-ports: warning',
        'environments:',
        '  staging:',
        '    codes:',
        '      semantic/service-ports: off',
        '',
      ].join('\n'),
    });
  });
  afterAll(() => [root, cache].forEach((d) => rmSync(d, { recursive: true, force: true })));

  it('changes the severity in one environment and drops the finding in the other', async () => {
    const run = await kcfg(['validate', '--format', 'json'], { cwd: root, env: childEnv({ KCFG_CACHE_DIR: cache }) });
    const report = JSON.parse(run.stdout) as Report;
    const found = report.diagnostics.filter((d) => d.code === 'semantic/service-ports');
    expect(found.map((d) => [d.severity, d.environments])).toEqual([['warning', ['production']]]);
    expect(found[0]!.args).toEqual({ issue: 'name-taken', name: 'http', first: 0 });
    expect(found[0]!.docs).toMatch(/docs\/codes\/semantic\/service-ports\.md$/);
    // Without the configuration the same finding is an error in both environments.
    write(root, { 'policies/config.yaml': 'policies: {}\n' });
    const plain = JSON.parse(
      (await kcfg(['validate', '--format', 'json'], { cwd: root, env: childEnv({ KCFG_CACHE_DIR: cache }) })).stdout,
    ) as Report;
    expect(
      plain.diagnostics.filter((d) => d.code === 'semantic/service-ports').map((d) => [d.severity, d.environments]),
    ).toEqual([['error', ['staging', 'production']]]);
  });

  it('kcfg codes lists every code with its default severity, filtered by area', async () => {
    const all = await kcfg(['codes', '--format', 'json'], { cwd: root });
    const codes = JSON.parse(all.stdout) as { id: string; defaultSeverity: string; docs: string }[];
    expect(codes.find((c) => c.id === 'semantic/duplicate-port')).toMatchObject({
      defaultSeverity: 'warning',
      docs: 'docs/codes/semantic/duplicate-port.md',
    });
    expect(codes.some((c) => c.id === 'policy/run-as-non-root')).toBe(true);
    const api = await kcfg(['codes', 'api/'], { cwd: root });
    expect(api.stdout.split('\n').filter((l) => /^api\//.test(l))).toHaveLength(3);
    const none = await kcfg(['codes', 'nope/'], { cwd: root });
    expect([none.code, none.stderr]).toEqual([2, expect.stringMatching(/no finding code matches nope\//)]);
  });
});
