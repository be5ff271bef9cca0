import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { POLICY_IDS } from '../../policies/index.js';

const root = join(import.meta.dirname, '../fixtures/broken');
const rows = readFileSync(join(root, 'EXPECTED.md'), 'utf8')
  .split('\n')
  .filter((l) => l.startsWith('| `'))
  .map((l) => {
    const [id, , where] = l.split(' | ').map((c) => c.replace(/^\|? ?`?|`$/g, ''));
    const [file, line] = where!.split(':');
    return { id: id!, file: file!, line: Number(line) };
  });

describe('broken fixture EXPECTED.md', () => {
  it('lists at least one finding for every registered policy', () => {
    const listed = new Set(rows.map((r) => r.id));
    expect(POLICY_IDS.filter((id) => !listed.has(id))).toEqual([]);
    expect([...listed].filter((id) => !(POLICY_IDS as string[]).includes(id))).toEqual([]);
  });

  it('points at lines that exist, in the base, an overlay patch or the kustomization', () => {
    for (const r of rows) {
      expect(r.file, r.id).toMatch(/^(base\/|overlays\/broken\/)/);
      const lines = readFileSync(join(root, r.file), 'utf8').split('\n');
      expect(r.line, `${r.id} ${r.file}:${r.line}`).toBeGreaterThan(0);
      expect(lines[r.line - 1]?.trim(), `${r.id} ${r.file}:${r.line}`).not.toBe('');
    }
    const kinds = new Set(
      rows.map((r) =>
        r.file.startsWith('base/') ? 'base' : r.file.endsWith('kustomization.yaml') ? 'entry' : 'patch',
      ),
    );
    expect([...kinds].sort()).toEqual(['base', 'entry', 'patch']);
  });
});
