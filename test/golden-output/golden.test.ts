// Golden files of every output format over the broken-on-purpose fixture, exit code included. The CLI runs
// in-process, once, with one --format/--output pair per format (text goes to standard output).
// Regenerate with KCFG_UPDATE_GOLDEN=1 after an intended change, and read the diff before committing.

import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../scripts/cli/main.js';
import { toolVersion } from '../../scripts/report/common.js';
import { sarifValidator } from '../report/sarif-schema.js';

const REPO = resolve(import.meta.dirname, '../..');
const FIXTURE = join(REPO, 'test/fixtures/broken');
const GOLDEN = import.meta.dirname;
const FILE_FORMATS = ['json', 'sarif', 'github', 'junit', 'markdown', 'html'] as const;
const FORMATS = ['text', ...FILE_FORMATS] as const;
const UPDATE = process.env['KCFG_UPDATE_GOLDEN'] === '1';

const tmp = mkdtempSync(join(tmpdir(), 'kcfg-golden-'));
const outputs = new Map<string, string>();
let exitCode = -1;
let stderr = '';

beforeAll(async () => {
  const saved = { ...process.env };
  // Reports must not depend on where they run: no GitHub links, no step summary, no colours.
  for (const k of ['GITHUB_SERVER_URL', 'GITHUB_REPOSITORY', 'GITHUB_SHA', 'GITHUB_STEP_SUMMARY', 'KCFG_DOCS_URL', 'FORCE_COLOR']) delete process.env[k];
  const args = ['check', '-C', FIXTURE, '--no-cache', '--no-color'];
  for (const f of FILE_FORMATS) args.push('--format', f, '--output', join(tmp, f));
  args.push('--format', 'text');
  const out: string[] = [];
  const err: string[] = [];
  const write = { out: process.stdout.write.bind(process.stdout), err: process.stderr.write.bind(process.stderr) };
  process.stdout.write = ((chunk: string | Uint8Array) => out.push(String(chunk)) > 0) as typeof process.stdout.write;
  process.stderr.write = ((chunk: string | Uint8Array) => err.push(String(chunk)) > 0) as typeof process.stderr.write;
  try {
    exitCode = await main(args);
  } finally {
    process.stdout.write = write.out;
    process.stderr.write = write.err;
    Object.assign(process.env, saved);
  }
  stderr = err.join('');
  outputs.set('text', out.join(''));
  for (const f of FILE_FORMATS) outputs.set(f, existsSync(join(tmp, f)) ? readFileSync(join(tmp, f), 'utf8') : '');
}, 120_000);

afterAll(() => rmSync(tmp, { recursive: true, force: true }));

export function normalise(text: string): string {
  return text
    .split(FIXTURE).join('<FIXTURE>')
    .split(REPO).join('<REPO>')
    .split(tmp).join('<TMP>')
    .replace(/\b\d+ ms\)/g, '<N> ms)')
    .replace(/(<testsuites [^>]*time=")[\d.]+"/, '$1<T>"')
    .replace(/("(?:semantic)?[vV]ersion": ")[^"]*(")/g, (m, a: string, b: string) => (m.includes(toolVersion()) ? `${a}<VERSION>${b}` : m))
    .replace(new RegExp(`kcfg ${toolVersion().replace(/\./g, '\\.')}( ·|</footer>)`, 'g'), 'kcfg <VERSION>$1');
}

describe('golden output over test/fixtures/broken', () => {
  it('the run itself ends with findings and says nothing on stderr', () => {
    expect(stderr).toBe('');
    expect(exitCode).toBe(1);
  });

  for (const format of FORMATS) {
    it(`${format}`, () => {
      const body = `# kcfg check -C test/fixtures/broken --format ${format}\n# exit code: ${exitCode}\n${normalise(outputs.get(format) ?? '')}`;
      const file = join(GOLDEN, `${format}.txt`);
      if (UPDATE || !existsSync(file)) {
        writeFileSync(file, body);
        if (!UPDATE) throw new Error(`wrote missing golden file ${file}; review it and rerun`);
        return;
      }
      expect(body).toBe(readFileSync(file, 'utf8'));
    });
  }

  it('the SARIF output passes the SARIF 2.1.0 schema', () => {
    expect(sarifValidator()(JSON.parse(outputs.get('sarif')!))).toEqual([]);
  });

  it('no format leaks a Secret value of the fixture', () => {
    const secrets = secretValues();
    expect(secrets.length).toBeGreaterThan(0);
    for (const [format, text] of outputs) for (const s of secrets) expect(text.includes(s), `${format} shows a secret value`).toBe(false);
  });
});

/** The plaintext and base64 values of every Secret data entry in the fixture's base. */
function secretValues(): string[] {
  const text = readFileSync(join(FIXTURE, 'base/secret-db.yaml'), 'utf8');
  const values: string[] = [];
  for (const m of text.matchAll(/^\s+[\w.-]+:\s+"?([A-Za-z0-9+/=_.-]{6,})"?\s*$/gm)) {
    values.push(m[1]!);
    try {
      const plain = Buffer.from(m[1]!, 'base64').toString('utf8');
      if (/^[\x20-\x7e]{4,}$/.test(plain)) values.push(plain);
    } catch {
      // not base64
    }
  }
  return values.filter((v) => !['Opaque', 'secret-db'].includes(v));
}
