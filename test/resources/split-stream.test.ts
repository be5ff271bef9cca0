import { describe, expect, it } from 'vitest';
import { splitDocuments } from '../../scripts/resources/parse.js';
import { DocumentSplitter, type DocumentBatch } from '../../scripts/resources/split-stream.js';

/** Every document of every batch, as text with its input line and index. */
function streamed(text: string, chunks: number[], batchChars: number): { text: string; line: number; index: number }[] {
  const splitter = new DocumentSplitter('in.yaml', batchChars);
  const batches: DocumentBatch[] = [];
  let at = 0;
  for (const size of chunks) {
    batches.push(...splitter.push(text.slice(at, at + size)));
    at += size;
  }
  batches.push(...splitter.push(text.slice(at)), ...splitter.end());
  batches.forEach((b, i) => expect(b.seq).toBe(i));
  return batches.flatMap((b) =>
    b.docs.map((d) => ({ text: b.text.slice(d.start, d.end), line: d.line, index: d.index })),
  );
}

function whole(text: string): { text: string; line: number; index: number }[] {
  return splitDocuments(text, 'in.yaml').map((d) => ({
    text: text.slice(d.start, d.end),
    line: d.line,
    index: d.index,
  }));
}

const SAMPLE = [
  '# leading comment\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n',
  '---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: b\ndata:\n  x: "--- not a marker"\n',
  '--- # a marker with a comment\nkind: List\nitems: []\n',
  '...\n%YAML 1.2\n---\napiVersion: v1\nkind: Secret\nmetadata:\n  name: c\n',
  '---\n\n---\napiVersion: v1\nkind: Service\nmetadata:\n  name: d\n',
  '--- |\n  a literal document\n',
  '---\nlast: without newline',
].join('');

describe('DocumentSplitter', () => {
  it('cuts a stream exactly as splitDocuments cuts the whole text, however the chunks fall', () => {
    const expected = whole(SAMPLE);
    for (let seed = 1; seed <= 200; seed++) {
      // A deterministic spread of chunk sizes, from 1 character (a marker split across chunks) upward.
      const chunks = Array.from({ length: 40 }, (_, i) => 1 + ((seed * 7919 + i * 104729) % (seed % 5 === 0 ? 3 : 37)));
      expect(streamed(SAMPLE, chunks, 1 + (seed % 64))).toEqual(expected);
    }
  });

  it('gives each batch the marker line after its last document, for code frames', () => {
    const text = 'a: 1\n---\nb: 2\n---\nc: 3\n';
    const splitter = new DocumentSplitter('in.yaml', 1);
    const batches = [...splitter.push(text), ...splitter.end()];
    expect(batches.map((b) => b.text)).toEqual(['a: 1\n---\n', '---\nb: 2\n---\n', '---\nc: 3\n']);
  });

  it('does not cut the same long document again for every chunk', () => {
    const splitter = new DocumentSplitter('in.yaml', 16);
    const long = 'key: ' + 'x'.repeat(10_000) + '\n';
    let batches = 0;
    for (let i = 0; i < 2_000; i++) batches += splitter.push(i === 0 ? 'a: 1\n---\n' : long).length;
    batches += splitter.push('---\nb: 2\n').length;
    expect(batches).toBe(2);
    expect(splitter.end().flatMap((b) => b.docs.map((d) => d.index))).toEqual([2]);
  });
});
