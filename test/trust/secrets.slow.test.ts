// Secret values never reach any output, whatever their shape: env lines without `=` or in YAML style, literals
// without `=`, invalid UTF-8, non-string values, YAML errors inside Secrets written as JSON, in a List or with a
// tag. Every command, every format, and the cache directory are searched for each canary.

import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { childEnv, ensureBuilt, expectNoCrash, kcfg } from '../cli/helpers.js';
import { tempDir, write } from '../adoption/consumer.js';

const CANARIES = {
  noEquals: 'CANARYnoequals7001',
  yamlStyle: 'CANARYyamlstyle7002',
  literal: 'CANARYliteral7003',
  utf8: 'CANARYutf8bytes7004',
  number: '48151623',
  nested: 'CANARYnested7006',
  listed: 'CANARYlisted7007',
  json: 'CANARYjsonsecret7008',
  list: 'CANARYlistsecret7009',
  tagged: 'CANARYtagged7010',
  base64: 'CANARYnotbase64x7011',
};

const SECRET_WITH_ODD_VALUES = `apiVersion: v1
kind: Secret
metadata:
  name: odd
type: Opaque
stringData:
  pin: ${CANARIES.number}
  nested:
    inner: ${CANARIES.nested}
  listed:
    - ${CANARIES.listed}
data:
  broken: "${CANARIES.base64}!!"
`;

describe('Secret values never printed', () => {
  const dirs: string[] = [];
  let root: string;
  let xdg: string;
  let outputs: string[];

  beforeAll(async () => {
    ensureBuilt();
    root = tempDir('secrets');
    xdg = tempDir('secrets-xdg');
    dirs.push(root, xdg);
    write(root, {
      'base/kustomization.yaml':
        'resources:\n  - secret.yaml\nsecretGenerator:\n  - name: tokens\n    envs:\n      - tokens.env\n',
      'base/secret.yaml': SECRET_WITH_ODD_VALUES,
      'base/tokens.env': `API_TOKEN ${CANARIES.noEquals}\nOTHER_TOKEN: ${CANARIES.yamlStyle}\n`,
      'overlays/staging/kustomization.yaml': 'namespace: staging\nresources:\n  - ../../base\n',
      'overlays/production/kustomization.yaml': 'namespace: production\nresources:\n  - ../../base\n',
      'broken/literal/kustomization.yaml': `namespace: x\nsecretGenerator:\n  - name: lit\n    literals:\n      - ${CANARIES.literal}\n`,
      'broken/utf8/kustomization.yaml': 'namespace: x\nsecretGenerator:\n  - name: bytes\n    envs:\n      - bad.env\n',
      'plain/json-secret.json': `{"apiVersion": "v1", "kind": "Secret", "metadata": {"name": "j"}, "stringData": {"a": "${CANARIES.json}", "a": "dup"}}\n`,
      'plain/list.yaml': `apiVersion: v1\nkind: List\nitems:\n  - apiVersion: v1\n    kind: Secret\n    metadata:\n      name: l\n    stringData:\n      a: ${CANARIES.list}\n      a: dup\n`,
      'plain/tagged.yaml': `apiVersion: v1\nkind: !!str Secret\nmetadata:\n  name: t\nstringData:\n  a: ${CANARIES.tagged}\n  a: dup\n`,
    });
    writeFileSync(
      join(root, 'broken/utf8/bad.env'),
      Buffer.concat([Buffer.from('GOOD=1\nBAD='), Buffer.from([0xff, 0xfe]), Buffer.from(`${CANARIES.utf8}\n`)]),
    );

    const env = childEnv({ XDG_CACHE_HOME: xdg });
    const out = join(xdg, 'reports');
    const formats = ['text', 'json', 'sarif', 'github', 'junit', 'markdown', 'html'];
    const runs = [
      ...formats.map((f) => [
        'check',
        'overlays/staging',
        'overlays/production',
        'broken/literal',
        'broken/utf8',
        '--format',
        f,
      ]),
      ...formats.map((f) => [
        'validate',
        'plain/json-secret.json',
        'plain/list.yaml',
        'plain/tagged.yaml',
        '--format',
        f,
      ]),
      ['policy', 'overlays/staging'],
      ['render', 'overlays/staging', 'overlays/production'],
      ['render', 'broken/literal'],
      ['render', 'broken/utf8'],
      ['render', 'overlays/staging', '--out', out],
      ['diff', 'overlays/staging', 'overlays/production'],
      ['diff', 'overlays/staging', 'overlays/production', '--format', 'json'],
      ['diff', 'overlays/staging', 'overlays/production', '--format', 'markdown'],
    ];
    outputs = [];
    for (const args of runs) {
      const r = await kcfg(args, { cwd: root, env });
      expectNoCrash(r);
      outputs.push(`$ kcfg ${args.join(' ')} (exit ${r.code})\n${r.stdout}\n${r.stderr}`);
    }
    for (const f of readdirSync(out)) outputs.push(readFileSync(join(out, f), 'utf8'));
  });
  afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

  it('no canary in any output of any command or format', () => {
    const all = outputs.join('\n');
    for (const [name, value] of Object.entries(CANARIES)) expect(all.includes(value), `${name} leaked`).toBe(false);
  });

  it('no canary anywhere in the cache directory', () => {
    const files = readdirSync(xdg, { recursive: true, withFileTypes: true }).filter((e) => e.isFile());
    expect(files.length).toBeGreaterThan(3);
    for (const e of files) {
      const text = readFileSync(join(e.parentPath, e.name)).toString('latin1');
      for (const [name, value] of Object.entries(CANARIES))
        expect(text.includes(value), `${name} in ${e.name}`).toBe(false);
    }
  });

  it('the redaction marker cannot be matched against a guess: it is not a plain hash of the value', () => {
    const all = outputs.join('\n');
    for (const value of Object.values(CANARIES)) {
      const plain = createHash('sha256').update(value).digest('hex');
      expect(all).not.toContain(plain.slice(0, 8));
    }
    expect(all).toMatch(/kcfg-redacted:[0-9a-f]{12}/);
  });

  it('what was wrong is still reported, at its line, without the value', () => {
    const check = outputs.find((o) =>
      o.startsWith('$ kcfg check overlays/staging overlays/production broken/literal broken/utf8 --format json'),
    )!;
    const report = JSON.parse(check.slice(check.indexOf('\n') + 1, check.lastIndexOf('}') + 1)) as {
      diagnostics: {
        code: string;
        message: string;
        pointer?: string;
        environments: string[];
        source?: { file: string; line: number };
      }[];
    };
    const byEnv = (dir: string) => report.diagnostics.filter((d) => d.environments.some((e) => dir.endsWith(e)));
    expect(byEnv('broken/literal')[0]).toMatchObject({
      code: 'render/failed',
      source: { file: 'broken/literal/kustomization.yaml', line: 5 },
    });
    expect(byEnv('broken/literal')[0]!.message).toMatch(/literal is not KEY=value/);
    expect(byEnv('broken/utf8')[0]!.message).toMatch(/not valid UTF-8/);
    // Invalid base64 in data is caught before redaction hides it; a key that is not a key is still reported.
    const staging = byEnv('staging');
    expect(staging.find((d) => d.pointer === '/data/broken')?.source?.file).toBe('base/secret.yaml');
    expect(
      staging.some((d) => /data/.test(d.pointer ?? '') && /kcfg-redacted:key/.test(`${d.pointer} ${d.message}`)),
    ).toBe(true);
    expect(existsSync(join(root, 'base'))).toBe(true);
  });

  it('YAML errors inside Secrets show no code frame, however the Secret is written', () => {
    const validate = outputs.find((o) =>
      o.startsWith('$ kcfg validate plain/json-secret.json plain/list.yaml plain/tagged.yaml --format text'),
    )!;
    expect(validate).toMatch(/plain\/json-secret\.json/);
    expect(validate).toMatch(/plain\/list\.yaml/);
    expect(validate).toMatch(/plain\/tagged\.yaml/);
    expect(validate).not.toMatch(/^\s+>\s+\d+ \|/m);
  });
});
