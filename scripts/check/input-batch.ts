// One batch of a plain manifest input, checked on its own: parse, build, validate and locate each document,
// keeping nothing but the diagnostics, the identity of each resource and the lines their code frames show.
// Runs on the main thread or a worker (check/input-worker.ts) with the same result, so the output does not
// depend on where a batch ran. What needs the whole input (duplicates, CRDs, autoscaler targets) is left to
// the caller: such documents come back as `deferred`.

import type { Diagnostic, ResourceId } from '../core/diagnostic.js';
import type { Finding, Resource, SourceDocument } from '../core/resource.js';
import { buildResources } from '../resources/build.js';
import { parseOne } from '../resources/parse.js';
import { declaresSecret } from '../resources/secret-text.js';
import type { BatchDocument, DocumentBatch } from '../resources/split-stream.js';
import { indexResources, ResourceChecker, type ValidateOptions } from '../validate/index.js';
import { expandLists } from '../resources/expand-lists.js';
import { fileLocator, toDiagnostic } from './locate.js';
import { capYoungGeneration } from '../core/young-generation.js';

/** A resource's identity, in input order: enough to find duplicates and answer cross-resource questions. */
export interface Identity {
  id: ResourceId;
  kind: string;
  /** Position of its document in the batch, and of the resource among the document's (a List's items). */
  doc: number;
  item: number;
  /** Input index and line of its document. */
  index: number;
  line: number;
}

/** Input lines shown by code frames: `text` holds line `line` and those after it. */
export interface Excerpt {
  line: number;
  text: string;
}

export interface BatchResult {
  seq: number;
  /** Diagnostics of the documents not deferred, in input order. */
  diagnostics: Diagnostic[];
  identities: Identity[];
  /** Positions in `batch.docs` of documents the caller checks once the whole input is known. */
  deferred: number[];
  excerpts: Excerpt[];
}

export interface BatchOptions extends ValidateOptions {
  /** Keep the lines around findings for code frames (text and HTML reports). */
  excerpts: boolean;
}

const NO_INDEX = indexResources([]);

export class BatchChecker {
  readonly resources: ResourceChecker;

  constructor(private readonly opts: BatchOptions) {
    this.resources = new ResourceChecker(opts, false);
  }

  check(batch: DocumentBatch): BatchResult {
    const result = emptyResult(batch.seq);
    batch.docs.forEach((d, pos) => {
      // A batch allocates several times the young generation's size: look in on it as the batch goes.
      if ((pos & 7) === 7) capYoungGeneration();
      const doc = sourceDocument(batch, d);
      const { findings, resources } = buildDocument(doc);
      resources.forEach((r, item) => result.identities.push(identity(r, pos, item)));
      if (resources.some((r) => this.resources.needsWholeInput(r))) {
        result.deferred.push(pos);
        return;
      }
      for (const r of resources) this.resources.check(r, NO_INDEX, findings);
      this.emit(batch, d, findings, result);
    });
    return result;
  }

  /** Locate `findings` of one document into `result`, with the lines their frames show. */
  emit(batch: DocumentBatch, d: BatchDocument, findings: readonly Finding[], result: BatchResult): void {
    if (findings.length === 0) return;
    for (const f of findings) result.diagnostics.push(toDiagnostic(f, batch.file, fileLocator));
    if (this.opts.excerpts) {
      const excerpt = excerptOf(batch, d);
      if (excerpt) result.excerpts.push(excerpt);
    }
  }
}

export function emptyResult(seq: number): BatchResult {
  return { seq, diagnostics: [], identities: [], deferred: [], excerpts: [] };
}

export function sourceDocument(batch: DocumentBatch, d: BatchDocument): SourceDocument {
  return { file: batch.file, text: batch.text, start: d.start, end: d.end, line: d.line, index: d.index };
}

/** One document's findings and resources (several for a `kind: List`). */
export function buildDocument(doc: SourceDocument): { findings: Finding[]; resources: Resource[] } {
  const parsed = parseOne(doc);
  if ('finding' in parsed) return { findings: [parsed.finding], resources: [] };
  if (parsed.value === undefined || parsed.value === null) return { findings: [], resources: [] };
  const built = buildResources(expandLists([{ doc, value: parsed.value }]), doc.file);
  return { findings: built.findings, resources: built.resources };
}

function identity(r: Resource, doc: number, item: number): Identity {
  return { id: r.id, kind: r.kind, doc, item, index: r.rendered.index, line: r.rendered.line };
}

/** A line that only marks a document boundary; it may be shown after a document, being no one's content. */
const MARKER_ONLY = /^(?:---|\.\.\.)\s*(?:#.*)?$/;

/** The document's lines, and the marker line after it: what a code frame of its findings shows. None for a Secret. */
function excerptOf(batch: DocumentBatch, d: BatchDocument): Excerpt | undefined {
  const body = batch.text.slice(d.start, d.end);
  // A Secret's lines are never kept: its frames are not shown, and its values must not travel.
  if (declaresSecret(body)) return undefined;
  const text = body.endsWith('\n') ? body.slice(0, -1) : body;
  const nl = batch.text.indexOf('\n', d.end);
  const next = batch.text.slice(d.end, nl < 0 ? batch.text.length : nl);
  return { line: d.line, text: d.end < batch.text.length && MARKER_ONLY.test(next) ? `${text}\n${next}` : text };
}
