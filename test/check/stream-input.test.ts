// A streamed input gives exactly what validating the whole file at once gives: the same diagnostics at the
// same lines, whatever the batch boundaries, with the checks that need the whole input (duplicates, a CRD
// after its custom resources, an autoscaler before its target) answered across batches.

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { expandLists } from '../../scripts/resources/expand-lists.js';
import { fileLocator, toDiagnostic } from '../../scripts/check/locate.js';
import { validateInput } from '../../scripts/check/stream-input.js';
import { mergeDiagnostics } from '../../scripts/core/diagnostic.js';
import { buildResources } from '../../scripts/resources/build.js';
import { parseStream } from '../../scripts/resources/parse.js';
import { validateResources } from '../../scripts/validate/index.js';
import { input } from './stream-fixture.js';

const OPTS = { kubernetesVersion: '1.32', allowUnknownKinds: [], excerpts: true };

/** The reference: the whole file parsed and validated at once (the library's non-streaming path). */
function whole(text: string, file: string) {
  const parsed = parseStream(text, file);
  const built = buildResources(expandLists(parsed.documents), file);
  const v = validateResources(built.resources, OPTS);
  return mergeDiagnostics(
    [...parsed.findings, ...built.findings, ...v.findings].map((f) => toDiagnostic(f, file, fileLocator)),
  );
}

function write(text: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'kcfg-stream-'));
  writeFileSync(join(dir, 'big.yaml'), text);
  return dir;
}

afterEach(() => {
  delete process.env['KCFG_MAX_FILE_MB'];
});

describe('validateInput', () => {
  const text = input();

  it('reports what validating the whole file reports, across batches', async () => {
    const dir = write(text);
    const streamed = await validateInput(dir, 'big.yaml', OPTS);
    const expected = whole(text, 'big.yaml');
    expect(mergeDiagnostics(streamed.diagnostics)).toEqual(expected);
    const codes = new Set(expected.map((d) => d.code));
    // The cross-document checks really were exercised.
    for (const c of [
      'resource/duplicate',
      'semantic/hpa-target',
      'semantic/hpa-replicas',
      'yaml/syntax',
      'api/removed',
    ])
      expect(codes).toContain(c);
    expect(expected.some((d) => d.resource?.kind === 'Widget' && d.code.startsWith('schema/'))).toBe(true);
    expect(expected.some((d) => d.code === 'resource/duplicate' && d.source!.line > 40_000)).toBe(true);
  });

  it('reads standard input as a stream, in chunks of any size', async () => {
    const chunks: Buffer[] = [];
    const bytes = Buffer.from(text);
    for (let at = 0, n = 1; at < bytes.length; at += n, n = (n * 31 + 7) % 70_000 || 1)
      chunks.push(bytes.subarray(at, at + n));
    const streamed = await validateInput('/', '-', OPTS, () => Readable.from(chunks));
    expect(mergeDiagnostics(streamed.diagnostics)).toEqual(whole(text, '<stdin>'));
  });

  it('keeps the lines around findings for code frames, and none of a Secret', async () => {
    const streamed = await validateInput(write(text), 'big.yaml', OPTS);
    const lines = text.split('\n');
    for (const d of streamed.diagnostics.filter((x) => x.resource?.kind !== 'Secret').slice(0, 300)) {
      const n = d.source!.line;
      expect(streamed.lines.get(n)).toBe(lines[n - 1]);
    }
    expect([...streamed.lines.values()].some((l) => l.includes('not*base64'))).toBe(false);
  });

  it('decodes a character cut between two chunks', async () => {
    const doc = 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: Été-😀}\ndata: {a: "ü"}\n';
    const bytes = Buffer.from(doc);
    const chunks = Array.from(bytes, (_, i) => bytes.subarray(i, i + 1));
    const streamed = await validateInput('/', '-', OPTS, () => Readable.from(chunks));
    expect(streamed.diagnostics.map((d) => [d.code, d.source?.line])).toEqual([['format/name', 3]]);
    expect(streamed.diagnostics[0]!.message).toContain('Été-😀');
  });

  it('refuses input that is not UTF-8 at the first bad byte, however far into the stream', async () => {
    const bad = Buffer.concat([
      Buffer.from(text),
      Buffer.from('apiVersion: v1\nkind: ConfigMap\nmetadata: {name: \xff}\n', 'latin1'),
    ]);
    const dir = mkdtempSync(join(tmpdir(), 'kcfg-stream-'));
    writeFileSync(join(dir, 'bad.yaml'), bad);
    const streamed = await validateInput(dir, 'bad.yaml', OPTS);
    const line = text.split('\n').length + 2;
    expect(streamed.diagnostics).toEqual([
      expect.objectContaining({ code: 'input/invalid-utf8', source: { file: 'bad.yaml', line, column: 18 } }),
    ]);
  });

  it('refuses standard input above the size limit without keeping it', async () => {
    process.env['KCFG_MAX_FILE_MB'] = '0.5';
    const streamed = await validateInput('/', '-', OPTS, () => Readable.from([Buffer.from(text)]));
    expect(streamed.diagnostics).toEqual([expect.objectContaining({ code: 'input/too-large' })]);
    expect(streamed.resources).toBe(0);
  });
});
