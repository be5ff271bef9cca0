// The lines of a streamed input that code frames may show: whole documents with findings, kept as one UTF-8
// buffer each instead of a string per line. A third of a large input can have findings; as strings those
// lines cost several times their bytes (a header per line, and slices that keep whole batches alive).

/** Lines by 1-based number; only some lines are known. */
export interface LineSource {
  get(line: number): string | undefined;
  /** How many lines are known. */
  readonly size: number;
}

export class ExcerptLines implements LineSource {
  private starts: number[] = [];
  private blocks: Buffer[] = [];
  private counts: number[] = [];
  private sorted = true;
  private known = 0;
  /** The block last split into lines: frames ask for neighbouring lines of one document in a row. */
  private open: { start: number; lines: string[] } | undefined;

  /** Where each kept document starts: a document with findings from several checks is kept once. */
  private readonly kept = new Set<number>();

  /** Lines `line`, `line + 1`... are `text` split at newlines; a document already kept is not kept again. */
  add(line: number, text: string): void {
    if (this.kept.has(line)) return;
    this.kept.add(line);
    const count = countLines(text);
    if (this.starts.length > 0 && line < this.starts[this.starts.length - 1]) this.sorted = false;
    this.starts.push(line);
    this.blocks.push(Buffer.from(text, 'utf8'));
    this.counts.push(count);
    this.known += count;
    this.open = undefined;
  }

  get size(): number {
    return this.known;
  }

  get(line: number): string | undefined {
    this.sort();
    const open = this.open;
    if (open && line >= open.start && line < open.start + open.lines.length) return open.lines[line - open.start];
    let lo = 0;
    let hi = this.starts.length - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (this.starts[mid] <= line) {
        found = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    if (found < 0 || line >= this.starts[found] + this.counts[found]) return undefined;
    this.open = { start: this.starts[found], lines: this.blocks[found].toString('utf8').split('\n') };
    return this.open.lines[line - this.starts[found]];
  }

  /** Every known line, in order (tests). */
  *values(): Generator<string> {
    this.sort();
    for (const b of this.blocks) yield* b.toString('utf8').split('\n');
  }

  private sort(): void {
    if (this.sorted) return;
    const order = this.starts.map((_, i) => i).sort((a, b) => this.starts[a] - this.starts[b]);
    this.starts = order.map((i) => this.starts[i]);
    this.blocks = order.map((i) => this.blocks[i]);
    this.counts = order.map((i) => this.counts[i]);
    this.sorted = true;
    this.open = undefined;
  }
}

function countLines(text: string): number {
  let n = 1;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) n++;
  return n;
}
