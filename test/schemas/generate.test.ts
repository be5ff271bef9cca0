import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generateSchemas } from '../../scripts/build/schemas.js';
import { schemasDir } from '../../scripts/schemas/location.js';

const upstream = process.env['KCFG_UPSTREAM_DIR'];
const present = !!upstream && existsSync(join(upstream, 'kubernetes'));
const out = mkdtempSync(join(tmpdir(), 'kcfg-schemas-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => (statSync(join(dir, f)).isDirectory() ? files(join(dir, f)) : [join(dir, f)]));
}

describe.skipIf(!present)('schema generation (KCFG_UPSTREAM_DIR)', () => {
  it('regenerates the committed schemas byte for byte', () => {
    const committed = schemasDir();
    const versions = readdirSync(join(committed, 'kubernetes'))
      .map((f) => /^v(\d+\.\d+)\.json$/.exec(f)?.[1])
      .filter((v): v is string => !!v);
    generateSchemas({ upstreamDir: upstream!, outDir: out, versions });
    const expected = files(committed).map((f) => relative(committed, f)).sort();
    expect(files(out).map((f) => relative(out, f)).sort()).toEqual(expected);
    for (const rel of expected) expect(readFileSync(join(out, rel), 'utf8'), rel).toBe(readFileSync(join(committed, rel), 'utf8'));
  });
});
