import { describe, expect, it } from 'vitest';
import { diffEnvironments } from '../../scripts/diff/environments.js';
import { formatJson } from '../../scripts/report/diff-json.js';
import { formatMarkdown } from '../../scripts/report/diff-markdown.js';
import { formatText } from '../../scripts/report/diff-text.js';
import { parityFindings } from '../../scripts/diff/parity.js';
import type { DiffSection, EnvDiff } from '../../scripts/diff/types.js';
import { configMap, deployment, envFromYaml } from './helpers.js';

const CANARY = 'hunter2-CANARY-7f3a9';
const b64 = (s: string) => Buffer.from(s).toString('base64');

function secret(name: string, password: string): string {
  return `apiVersion: v1
kind: Secret
metadata: {name: ${name}}
type: Opaque
data:
  password: ${b64(password)}
stringData:
  token: ${password}-tok
`;
}

function sections(d: EnvDiff): DiffSection[] {
  return [{ title: `${d.a} → ${d.b}`, status: d.resources.length ? 'changed' : 'unchanged', diff: d }];
}

describe('secret safety', () => {
  it('never shows a planted value in any format, only hashes', () => {
    const sidecar = (args: string) =>
      `        - name: tokens\n          image: busybox\n          args: [--token, ${args}]\n`;
    const a = envFromYaml(
      'staging',
      [
        secret('db-creds-2g7b9kk4m5', 'old-password'),
        configMap('cfg', { API_TOKEN: CANARY, KEEP: CANARY + 'x' }),
        deployment('api'),
      ].join('---\n'),
      ['db-creds-2g7b9kk4m5'],
    );
    const b = envFromYaml(
      'production',
      [
        secret('db-creds-ht8c5d4f6b', CANARY),
        configMap('cfg', { API_TOKEN: 'other' }),
        deployment('api', { extra: sidecar(CANARY) }),
      ].join('---\n'),
      ['db-creds-ht8c5d4f6b'],
    );
    const d = diffEnvironments(a, b, {
      ignore: [],
      sensitive: ['ConfigMap:/data/*', '/spec/template/spec/containers/*/args'],
    });
    const secretDiff = d.resources.find((r) => r.id.kind === 'Secret')!;
    expect(secretDiff.changes.map((c) => c.path)).toEqual(['/data/password', '/stringData/token']);
    expect(secretDiff.changes.every((c) => c.sensitive && 'hash' in c.old! && 'hash' in c.new!)).toBe(true);

    const outputs = [
      formatText(sections(d), { color: false }),
      formatText(sections(d), { color: true }),
      formatJson(sections(d)),
      formatMarkdown(sections(d)),
      formatMarkdown(sections(d), { budget: 600 }),
      JSON.stringify(parityFindings(d, { severity: 'error', allow: [], onlyIn: [] }).map(({ subject: _s, ...f }) => f)),
    ];
    for (const out of outputs) {
      expect(out).not.toContain(CANARY);
      expect(out).not.toContain(b64(CANARY));
      expect(out).not.toContain(b64(CANARY).slice(0, 16));
    }
    const text = outputs[0]!;
    expect(text).toMatch(/data\.password: changed \(hash:[0-9a-f]{8} → hash:[0-9a-f]{8}\)/);
    expect(text).toMatch(/data\.API_TOKEN: changed \(hash:[0-9a-f]{8} → hash:[0-9a-f]{8}\)/);
    expect(text).toMatch(/data\.KEEP: removed \(hash:[0-9a-f]{8}\)/);
    expect(text).toMatch(/containers\[tokens\]: .*"args":"\(hidden hash:[0-9a-f]{8}\)"/);
  });
});

describe('reporters', () => {
  const a = envFromYaml('staging', [deployment('api', { replicas: 1 }), configMap('gone', { a: '1' })].join('---\n'));
  const b = envFromYaml('production', [deployment('api', { replicas: 3 }), configMap('new', { a: '1' })].join('---\n'));
  const d = diffEnvironments(a, b, { ignore: [], sensitive: [] });

  it('text shows path, old → new and presence, coloured on request', () => {
    const plain = formatText(sections(d), { color: false });
    expect(plain).toBe(
      [
        'staging → production: 1 modified, 1 added, 1 removed, 0 unchanged',
        '- ConfigMap gone (only in staging)',
        '+ ConfigMap new (only in production)',
        '~ Deployment.apps api',
        '    ~ spec.replicas: 1 → 3',
        '',
      ].join('\n'),
    );
    expect(formatText(sections(d), { color: true })).toContain('\u001b[');
  });

  it('json follows the documented shape', () => {
    const j = JSON.parse(formatJson(sections(d)));
    expect(j).toMatchObject({ kind: 'kcfg.diff', version: 1, hasDifferences: true });
    expect(j.sections[0].counts).toEqual({ added: 1, removed: 1, modified: 1, unchanged: 0 });
    expect(j.sections[0].resources[2]).toEqual({
      change: 'modified',
      id: { group: 'apps', version: 'v1', kind: 'Deployment', name: 'api' },
      a: { group: 'apps', version: 'v1', kind: 'Deployment', name: 'api' },
      b: { group: 'apps', version: 'v1', kind: 'Deployment', name: 'api' },
      changes: [
        { path: '/spec/replicas', label: 'spec.replicas', op: 'replace', old: { value: 1 }, new: { value: 3 } },
      ],
      notes: [],
    });
    expect(JSON.stringify(j)).not.toContain('resourceA');
  });

  it('markdown falls back from full detail to summaries to counts under the budget, saying what was cut', () => {
    const many = (n: number, v: string) =>
      Array.from({ length: n }, (_, i) =>
        configMap(
          `cm-${i}`,
          Object.fromEntries(Array.from({ length: 20 }, (_, k) => [`key-${k}`, `${v}-${'x'.repeat(40)}`])),
        ),
      ).join('---\n');
    const big = diffEnvironments(envFromYaml('staging', many(400, 'a')), envFromYaml('production', many(400, 'b')), {
      ignore: [],
      sensitive: [],
    });
    const full = formatMarkdown(sections(big), { budget: 10_000_000 });
    expect(full.length).toBeGreaterThan(200_000);
    expect(full).not.toContain('too large');

    const md = formatMarkdown(sections(big), { fullCommand: 'kcfg diff staging production' });
    expect(md.length).toBeLessThan(60_000);
    expect(md).toContain('field-level detail was cut');
    expect(md).toContain('`kcfg diff staging production`');
    expect(md).toContain('cm-399: 20 changed paths');

    const huge = diffEnvironments(envFromYaml('staging', many(3000, 'a')), envFromYaml('production', many(3000, 'b')), {
      ignore: [],
      sensitive: [],
    });
    const counts = formatMarkdown(sections(huge));
    expect(counts.length).toBeLessThan(60_000);
    expect(counts).toContain('only counts are shown');
    expect(counts).toContain('3000 modified, 0 added, 0 removed, 0 unchanged');
  });
});
