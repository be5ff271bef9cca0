// Cutting a YAML stream into documents as it arrives, in batches, so a large input is never held whole.
// The cuts are splitDocuments' own: a batch is emitted only once the marker after its last document has been
// read in full, so no later text can move a boundary.

import { splitDocuments } from './parse.js';

/** A document's place inside its batch's text, and in the input. */
export interface BatchDocument {
  start: number;
  end: number;
  /** 1-based line of `start` in the input. */
  line: number;
  /** Index of the document in the input. */
  index: number;
}

/** Consecutive documents of one input, as whole lines, with the line after the last (its closing marker). */
export interface DocumentBatch {
  seq: number;
  file: string;
  text: string;
  docs: BatchDocument[];
}

/** A line that may start a document or end one (`---`, `...`), after the buffer's first line. */
const MARKER = /\n(?:---|\.\.\.)/;

export class DocumentSplitter {
  /** The text not yet cut, in the pieces it arrived in (joined only to cut: appending would copy it each time). */
  private parts: string[] = [];
  private size = 0;
  /** The last characters received, to spot a marker that arrives split across two chunks. */
  private tail = '';
  /** Input line of the buffer's first line. */
  private line = 1;
  private index = 0;
  private seq = 0;
  /** Whether the buffer may hold a marker not yet cut at: a long document is not split again per chunk. */
  private marker = false;

  constructor(
    private readonly file: string,
    /** A batch is emitted once its documents hold at least this many characters. */
    private readonly batchChars = 256 * 1024,
  ) {}

  /** The batches completed by `chunk`; the document still being read stays buffered. */
  push(chunk: string): DocumentBatch[] {
    this.parts.push(chunk);
    this.size += chunk.length;
    this.marker ||= MARKER.test(this.tail + chunk.slice(0, 4)) || MARKER.test(chunk);
    this.tail = (this.tail + chunk).slice(-4);
    if (this.size < this.batchChars || !this.marker) return [];
    return this.cut(false);
  }

  /** Whatever is left once the input has ended. */
  end(): DocumentBatch[] {
    return this.cut(true);
  }

  private cut(final: boolean): DocumentBatch[] {
    const buffer = this.parts.join('');
    this.parts = [buffer];
    // Only whole lines are cut: a marker line split across chunks (`--` then `-`) must not decide anything.
    const whole = final ? buffer.length : buffer.lastIndexOf('\n') + 1;
    if (whole === 0) return [];
    const head = buffer.slice(0, whole);
    const docs = splitDocuments(head, this.file);
    // Unless the input has ended, the last document may continue in the next chunk.
    const keep = final ? docs.length : docs.length - 1;
    if (keep <= 0) {
      // Nothing to cut yet; only a marker on the unfinished last line can change that without new markers.
      this.marker = MARKER.test(buffer.slice(Math.max(0, whole - 1)));
      return [];
    }
    const out: DocumentBatch[] = [];
    let from = 0;
    while (from < keep) {
      let to = from + 1;
      while (to < keep && docs[to - 1].end - docs[from].start < this.batchChars) to++;
      out.push(this.batch(head, docs.slice(from, to)));
      from = to;
    }
    const rest = final ? buffer.length : docs[keep].start;
    this.line = final ? this.line : docs[keep].line + this.line - 1;
    this.index += keep;
    const left = buffer.slice(rest);
    this.parts = [left];
    this.size = left.length;
    this.marker = MARKER.test(left);
    return out;
  }

  private batch(head: string, docs: ReturnType<typeof splitDocuments>): DocumentBatch {
    const first = docs[0];
    // The line after the last document (the next one's `---`), which a code frame at its end shows.
    const nl = head.indexOf('\n', docs[docs.length - 1].end);
    const after = nl < 0 ? head.length : nl + 1;
    const base = this.line - 1;
    return {
      seq: this.seq++,
      file: this.file,
      text: head.slice(first.start, after),
      docs: docs.map((d) => ({
        start: d.start - first.start,
        end: d.end - first.start,
        line: d.line + base,
        index: d.index + this.index,
      })),
    };
  }
}
