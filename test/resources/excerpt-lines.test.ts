// The lines a streamed input keeps for code frames (resources/excerpt-lines.ts): one buffer per document,
// answered by line number whatever order the documents were kept in.

import { describe, expect, it } from 'vitest';
import { ExcerptLines } from '../../scripts/resources/excerpt-lines.js';

describe('ExcerptLines', () => {
  it('answers known lines and nothing between or after the kept documents', () => {
    const lines = new ExcerptLines();
    lines.add(10, 'kind: A\nmetadata:\n  name: a\n---');
    // A deferred document is kept after later ones.
    lines.add(3, 'kind: C\nname: é ünïcode');
    lines.add(20, 'kind: B');
    expect(lines.size).toBe(7);
    expect([2, 3, 4, 5, 9, 10, 13, 14, 19, 20, 21].map((n) => lines.get(n))).toEqual([
      undefined,
      'kind: C',
      'name: é ünïcode',
      undefined,
      undefined,
      'kind: A',
      '---',
      undefined,
      undefined,
      'kind: B',
      undefined,
    ]);
    expect([...lines.values()]).toEqual([
      'kind: C',
      'name: é ünïcode',
      'kind: A',
      'metadata:',
      '  name: a',
      '---',
      'kind: B',
    ]);
  });

  it('a document kept after lines were read is found, before or after the one being read', () => {
    const lines = new ExcerptLines();
    lines.add(10, 'kind: A\nname: a');
    expect(lines.get(11)).toBe('name: a');
    lines.add(2, 'kind: B');
    lines.add(30, 'kind: C\nname: c');
    expect([lines.get(2), lines.get(10), lines.get(31), lines.get(12), lines.get(11)]).toEqual([
      'kind: B',
      'kind: A',
      'name: c',
      undefined,
      'name: a',
    ]);
  });

  it('keeps a document once, however many checks found something in it', () => {
    const lines = new ExcerptLines();
    lines.add(5, 'kind: A\nname: a\n---');
    lines.add(5, 'kind: A\nname: a');
    expect(lines.size).toBe(3);
    expect([...lines.values()]).toEqual(['kind: A', 'name: a', '---']);
  });
});
