// `kcfg validate FILE|-`, streamed: the input is read in chunks, cut into batches of documents, and each batch
// is checked (here or on a worker thread) and dropped, so memory follows the largest document and the
// findings, not the file. Batches are merged in input order, which makes the result the same whatever ran
// where. Duplicates, CustomResourceDefinitions and autoscaler targets need the whole input: the identity of
// every resource is kept, and the few documents that need more are checked once the input has ended.

import { isUtf8 } from 'node:buffer';
import { createReadStream, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { relative, resolve } from 'node:path';
import type { Readable } from 'node:stream';
import { problem } from '../codes/index.js';
import type { Diagnostic } from '../core/diagnostic.js';
import { UsageError } from '../core/errors.js';
import type { Finding } from '../core/resource.js';
import { ExcerptLines } from '../resources/excerpt-lines.js';
import { maxInputBytes, tooLarge } from '../resources/guard.js';
import { DocumentSplitter, type DocumentBatch } from '../resources/split-stream.js';
import { duplicateOf, identityKey, indexResources, type FirstSeen, type Identified } from '../validate/index.js';
import {
  BatchChecker,
  buildDocument,
  emptyResult,
  sourceDocument,
  type BatchOptions,
  type BatchResult,
  type Identity,
} from './input-batch.js';
import { toDiagnostic, fileLocator } from './locate.js';
import { WorkerPool } from './input-pool.js';

export interface StreamedInput {
  file: string;
  diagnostics: Diagnostic[];
  resources: number;
  skippedRules: string[];
  /** Input lines code frames may show, only with `excerpts`. */
  lines: ExcerptLines;
}

/** Inputs at least this large are checked on worker threads too; smaller ones never pay their start-up. */
const PARALLEL_BYTES = 1024 * 1024;

export async function validateInput(
  root: string,
  arg: string,
  opts: BatchOptions,
  stdin: () => Readable = () => process.stdin,
): Promise<StreamedInput> {
  const opened = open(root, arg, stdin);
  if ('finding' in opened) return refused(opened.file, opened.finding);
  const run = new InputRun(opened.file, opts, opened.size);
  const refusal = await readChunks(opened, (text) => run.push(text));
  if (refusal) {
    await run.abandon();
    return refused(opened.file, refusal);
  }
  return run.finish();
}

/** The same checks over an input already read whole (kcfg check FILE, which polices it too): no second read. */
export async function validateText(file: string, text: string, opts: BatchOptions): Promise<StreamedInput> {
  const run = new InputRun(file, opts, Buffer.byteLength(text));
  await run.push(text);
  return run.finish();
}

/**
 * Feeds the opened input to `onText` as decoded chunks; returns the finding that refuses the input (too
 * large, not UTF-8) instead, once it is known. Standard input past the size limit is counted, not kept.
 */
async function readChunks(
  opened: { file: string; stream: Readable },
  onText: (text: string) => Promise<void> | void,
): Promise<Finding | undefined> {
  const decoder = new Utf8Chunks();
  let bytes = 0;
  let line = 1;
  const limit = maxInputBytes();
  for await (const chunk of opened.stream as AsyncIterable<Buffer>) {
    bytes += chunk.length;
    if (bytes > limit) continue;
    const text = decoder.decode(chunk);
    if (text === undefined) {
      opened.stream.destroy();
      return invalidUtf8(decoder.rejected, line, opened.file);
    }
    line += countNewlines(text);
    await onText(text);
  }
  if (bytes > limit) return tooLarge(opened.file, bytes, limit)!;
  if (!decoder.end()) return invalidUtf8(decoder.rejected, line, opened.file);
  return undefined;
}

/** A whole input as text, or the finding that refused it (too large, not UTF-8). */
export type WholeInput = { file: string; text: string } | { file: string; refused: Diagnostic };

/**
 * Reads a file or standard input whole, with the guards streaming applies (size, UTF-8): for policies, which
 * need every resource of the input at once.
 */
export async function readWholeInput(
  root: string,
  arg: string,
  stdin: () => Readable = () => process.stdin,
): Promise<WholeInput> {
  const opened = open(root, arg, stdin);
  if ('finding' in opened)
    return { file: opened.file, refused: toDiagnostic(opened.finding, opened.file, fileLocator) };
  const parts: string[] = [];
  const refusal = await readChunks(opened, (text) => {
    parts.push(text);
  });
  if (refusal) return { file: opened.file, refused: toDiagnostic(refusal, opened.file, fileLocator) };
  return { file: opened.file, text: parts.join('') };
}

/**
 * Chunks of bytes → text, refusing anything that is not UTF-8 (Node would read bad bytes as U+FFFD and
 * validate a document nobody can apply). A sequence cut by a chunk boundary waits for the next chunk.
 * Buffer's own decoder and isUtf8 are several times faster than a fatal TextDecoder on large inputs.
 */
class Utf8Chunks {
  private carry: Buffer = Buffer.alloc(0);
  /** The bytes that failed, for the finding's position. */
  rejected: Buffer = Buffer.alloc(0);

  decode(chunk: Buffer): string | undefined {
    const bytes = this.carry.length > 0 ? Buffer.concat([this.carry, chunk]) : chunk;
    const cut = completeLength(bytes);
    const whole = bytes.subarray(0, cut);
    if (!isUtf8(whole)) {
      this.rejected = whole;
      return undefined;
    }
    this.carry = Buffer.from(bytes.subarray(cut));
    return whole.toString('utf8');
  }

  /** Whether the input ended on a whole character. */
  end(): boolean {
    this.rejected = this.carry;
    return this.carry.length === 0;
  }
}

/** Bytes up to the start of a trailing multi-byte sequence that is not complete yet. */
function completeLength(b: Buffer): number {
  for (let i = b.length - 1; i >= Math.max(0, b.length - 4); i--) {
    const byte = b[i];
    if ((byte & 0xc0) === 0x80) continue; // a continuation byte: look further back for its lead
    const need = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 1;
    return b.length - i < need ? i : b.length;
  }
  return b.length;
}

type Opened = { file: string; stream: Readable; size?: number } | { file: string; finding: Finding };

function open(root: string, arg: string, stdin: () => Readable): Opened {
  if (arg === '-') return { file: '<stdin>', stream: stdin() };
  const abs = resolve(root, arg);
  const file = relative(root, abs).split('\\').join('/') || arg;
  let size: number;
  try {
    const st = statSync(abs);
    if (!st.isFile()) throw new UsageError(`${arg} is not a file`);
    size = st.size;
  } catch (e) {
    if (e instanceof UsageError) throw e;
    throw new UsageError(
      `cannot read ${arg}: no such file`,
      'pass an environment name, a kustomization directory, a manifest file or - for stdin',
    );
  }
  const large = tooLarge(file, size);
  if (large) return { file, finding: large };
  return { file, stream: createReadStream(abs, { highWaterMark: 256 * 1024 }), size };
}

function refused(file: string, finding: Finding): StreamedInput {
  return {
    file,
    diagnostics: [toDiagnostic(finding, file, fileLocator)],
    resources: 0,
    skippedRules: [],
    lines: new ExcerptLines(),
  };
}

/** The finding at the first bad byte of `chunk`, which continues the input at `line`. */
function invalidUtf8(chunk: Buffer, line: number, file: string): Finding {
  const text = chunk.toString('utf8');
  const at = Math.max(0, text.indexOf('\uFFFD'));
  const before = text.slice(0, at);
  const nl = before.lastIndexOf('\n');
  return {
    ...problem('input/invalid-utf8', {}),
    source: { file, line: line + countNewlines(before), column: nl < 0 ? at + 1 : at - nl },
  };
}

function countNewlines(text: string): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

/**
 * Worker threads to use besides the main one: `KCFG_WORKERS` when set; else one per spare core (at most 3)
 * from four cores up. On two cores the main thread and one worker only contend: on the 2-vCPU machines this
 * was measured on, a worker made 10,000 documents slower (1.55 s vs 1.46 s) and 35 MB larger, and two
 * whole processes in parallel ran at 1.33 times the throughput of one, not twice.
 */
function workerCount(size: number | undefined, env: NodeJS.ProcessEnv = process.env): number {
  const forced = env['KCFG_WORKERS'];
  if (forced !== undefined && forced !== '') return Math.max(0, Math.min(8, Number(forced) || 0));
  if (size !== undefined && size < PARALLEL_BYTES) return 0;
  const cores = availableParallelism();
  return cores >= 4 ? Math.min(3, cores - 1) : 0;
}

interface Pending {
  batch: DocumentBatch;
  result?: BatchResult;
}

/** One input's batches in flight and the state merged so far. */
class InputRun {
  private readonly splitter: DocumentSplitter;
  private readonly local: BatchChecker;
  private pool: WorkerPool | undefined;
  private poolTried = false;
  private readonly pending = new Map<number, Pending>();
  private next = 0;
  private read = 0;
  private readonly diagnostics: Diagnostic[] = [];
  private readonly lines = new ExcerptLines();
  /** Every resource's identity key, with where its first copy sits. */
  private readonly first = new Map<string, FirstSeen>();
  private resources = 0;
  private readonly deferred: DocumentBatch[] = [];
  /** Later copies inside deferred documents (`index:item`), reported when those are checked. */
  private readonly deferredCopies = new Map<string, FirstSeen>();
  private readonly inFlight = new Set<Promise<void>>();

  constructor(
    private readonly file: string,
    private readonly opts: BatchOptions,
    private readonly size: number | undefined,
  ) {
    this.splitter = new DocumentSplitter(file);
    this.local = new BatchChecker(opts);
  }

  async push(text: string): Promise<void> {
    this.read += text.length;
    for (const batch of this.splitter.push(text)) await this.dispatch(batch);
  }

  async finish(): Promise<StreamedInput> {
    for (const batch of this.splitter.end()) await this.dispatch(batch);
    await Promise.all(this.inFlight);
    this.merge();
    this.checkDeferred();
    const skipped = new Set(this.local.resources.finish());
    for (const s of (await this.pool?.finish()) ?? []) skipped.add(s);
    return {
      file: this.file,
      diagnostics: this.diagnostics,
      resources: this.resources,
      skippedRules: [...skipped].sort(),
      lines: this.lines,
    };
  }

  async abandon(): Promise<void> {
    await this.pool?.finish();
  }

  /** A worker takes the batch when one has room; otherwise this thread checks it. */
  private async dispatch(batch: DocumentBatch): Promise<void> {
    const entry: Pending = { batch };
    this.pending.set(batch.seq, entry);
    const pool = this.workers();
    if (pool?.hasRoom()) {
      const job = pool.run(batch).then((result) => {
        entry.result = result;
        this.inFlight.delete(job);
      });
      this.inFlight.add(job);
    } else {
      entry.result = this.local.check(batch);
    }
    this.merge();
  }

  private workers(): WorkerPool | undefined {
    if (this.poolTried) return this.pool;
    // Standard input has no size: it goes parallel once it has proved large.
    if (this.size === undefined && this.read < PARALLEL_BYTES && process.env['KCFG_WORKERS'] === undefined)
      return undefined;
    this.poolTried = true;
    const count = workerCount(this.size);
    if (count > 0) this.pool = WorkerPool.start(count, this.opts);
    return this.pool;
  }

  /** Fold finished batches into the result, strictly in input order. */
  private merge(): void {
    for (let entry = this.pending.get(this.next); entry?.result; entry = this.pending.get(this.next)) {
      this.pending.delete(this.next++);
      this.fold(entry.batch, entry.result);
    }
  }

  private fold(batch: DocumentBatch, result: BatchResult): void {
    for (const d of result.diagnostics) this.diagnostics.push(d);
    for (const e of result.excerpts) this.lines.add(e.line, e.text);
    const deferred = new Set(result.deferred);
    for (const id of result.identities) {
      this.resources++;
      const key = identityKey(id.id, id.kind);
      const seen = this.first.get(key);
      if (!seen) this.first.set(key, { file: this.file, index: id.index, line: id.line });
      else if (deferred.has(id.doc)) this.deferredCopies.set(`${id.index}:${id.item}`, seen);
      else this.duplicate(batch, id, seen);
    }
    for (const pos of result.deferred) this.deferred.push(alone(batch, pos));
  }

  /** A later copy of a resource: rebuilt from its batch (rare) to point at its name. */
  private duplicate(batch: DocumentBatch, id: Identity, seen: FirstSeen): void {
    const d = batch.docs[id.doc];
    const r = buildDocument(sourceDocument(batch, d)).resources[id.item];
    if (!r) return;
    const out = emptyResult(batch.seq);
    this.local.emit(batch, d, [duplicateOf(r, seen)], out);
    this.fold(batch, out);
  }

  /**
   * The documents that needed the whole input: CustomResourceDefinitions are registered first, so custom
   * resources validate against them wherever they sit in the input; then each is checked with the index of
   * every resource.
   */
  private checkDeferred(): void {
    if (this.deferred.length === 0) return;
    const index = indexResources([...this.first.keys()].map(identified));
    const built = this.deferred.map((b) => ({ batch: b, ...buildDocument(sourceDocument(b, b.docs[0])) }));
    const crdFindings = this.local.resources.schema.registerCrds(built.flatMap((b) => b.resources));
    for (const b of built) {
      const findings = [...b.findings];
      for (const f of crdFindings) if (f.subject && b.resources.includes(f.subject)) findings.push(f);
      b.resources.forEach((r, item) => {
        this.local.resources.check(r, index, findings);
        // Later copies among the deferred documents are reported here, with the rest of their findings.
        const first = this.deferredCopies.get(`${r.rendered.index}:${item}`);
        if (first) findings.push(duplicateOf(r, first));
      });
      const out = emptyResult(b.batch.seq);
      this.local.emit(b.batch, b.batch.docs[0], findings, out);
      this.fold(b.batch, out);
    }
  }
}

/** An identity key (validate/duplicates.ts) back as the fields the resource index reads. */
function identified(key: string): Identified {
  const [group = '', kind = '', namespace = '', name = ''] = key.split('\u0000');
  return { id: { group, version: '', kind, name, ...(namespace ? { namespace } : {}) }, kind };
}

/** One document of a batch as a batch of its own (with the marker line after it), to keep past the batch. */
function alone(batch: DocumentBatch, pos: number): DocumentBatch {
  const d = batch.docs[pos];
  const nl = batch.text.indexOf('\n', d.end);
  const end = nl < 0 ? batch.text.length : nl + 1;
  return {
    seq: batch.seq,
    file: batch.file,
    text: batch.text.slice(d.start, end),
    docs: [{ start: 0, end: d.end - d.start, line: d.line, index: d.index }],
  };
}
