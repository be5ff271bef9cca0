// Fast multi-document YAML parsing. The hot path uses js-yaml per document; the `yaml` package (slower, but
// with a CST and precise errors) is used only to explain a failure or to guard documents that use aliases.

import { problem } from '../codes/index.js';
import jsYaml from 'js-yaml';
import type { Finding, SourceDocument } from '../core/resource.js';
import { yamlModule } from './yaml-lazy.js';

export interface ParsedDocument {
  doc: SourceDocument;
  value: unknown;
}

export interface ParseResult {
  documents: ParsedDocument[];
  findings: Finding[];
}

/** Aliases can expand exponentially (a "billion laughs" bomb); such documents go through the guarded parser. */
export const ANCHOR_OR_ALIAS = /(?:^|[\s[{,:-])[&*][^\s,[\]{}]/;
const MAX_ALIASES = 100;

/** Cut a stream into documents at `---` / `...` lines, keeping offsets so positions can be computed later. */
export function splitDocuments(text: string, file: string): SourceDocument[] {
  const docs: SourceDocument[] = [];
  const marker = /^(?:---|\.\.\.)(?=[ \t]|\r?$)/gm;
  let start = 0;
  let line = 1;
  let index = 0;
  const push = (end: number): void => {
    docs.push({ file, text, start, end, line, index: index++ });
  };
  let m: RegExpExecArray | null;
  while ((m = marker.exec(text)) !== null) {
    // `%YAML`/`%TAG` directives belong to the document after the marker, not to a document of their own.
    if (m[0] === '---' && directivesOnly(text, start, m.index)) continue;
    if (m.index > start) push(m.index);
    line += countLines(text, start, m.index);
    start = m.index;
    if (m[0] === '...') {
      // A document end marker: the rest of its line belongs to nobody.
      const nl = text.indexOf('\n', m.index);
      const next = nl < 0 ? text.length : nl + 1;
      line += countLines(text, start, next);
      start = next;
    }
  }
  if (start < text.length) push(text.length);
  return docs;
}

function directivesOnly(text: string, from: number, to: number): boolean {
  // Nearly every document has no directive line; only a region holding one needs the line-by-line test.
  let directive = false;
  for (let i = from; i < to;) {
    if (text.charCodeAt(i) === 0x25) {
      directive = true;
      break;
    }
    const nl = text.indexOf('\n', i);
    if (nl < 0) break;
    i = nl + 1;
  }
  if (!directive) return false;
  const lines = text.slice(from, to).split('\n');
  return lines.some((l) => l.startsWith('%')) && lines.every((l) => /^(%|#|\s*$)/.test(l));
}

function countLines(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = text.indexOf('\n', from); i >= 0 && i < to; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

export function parseStream(text: string, file: string): ParseResult {
  const documents: ParsedDocument[] = [];
  const findings: Finding[] = [];
  for (const doc of splitDocuments(text, file)) {
    const result = parseOne(doc);
    if ('finding' in result) findings.push(result.finding);
    else if (result.value !== undefined && result.value !== null) documents.push({ doc, value: result.value });
  }
  return { documents, findings };
}

/** One document of a stream: its value, or the finding that says why it has none. */
export function parseOne(doc: SourceDocument): { value: unknown } | { finding: Finding } {
  return parseFast(doc.text.slice(doc.start, doc.end), doc);
}

/** The first document whose aliases expand past the limit, as a finding; other YAML errors are not its concern. */
export function aliasBomb(text: string, file: string): Finding | undefined {
  if (!ANCHOR_OR_ALIAS.test(text)) return undefined;
  for (const doc of splitDocuments(text, file)) {
    const chunk = text.slice(doc.start, doc.end);
    if (!ANCHOR_OR_ALIAS.test(chunk)) continue;
    const result = parseFast(chunk, doc);
    if ('finding' in result && result.finding.code === 'yaml/alias-bomb') return result.finding;
  }
  return undefined;
}

type One = { value: unknown } | { finding: Finding };

/**
 * js-yaml first; the guarded parser explains what it rejects and expands aliases with a limit. The anchor
 * pattern is a cheap over-approximation (a quoted cron `"30 2 * * *"` matches), so js-yaml settles it: its
 * aliases come back as shared objects, and a value without shared collections expanded nothing.
 */
function parseFast(chunk: string, doc: SourceDocument): One {
  let value: unknown;
  try {
    value = jsYaml.load(chunk, { schema: jsYaml.CORE_SCHEMA, filename: doc.file });
  } catch (e) {
    if (e instanceof RangeError) return { finding: tooDeep(chunk, doc) };
    try {
      return parseGuarded(chunk, doc);
    } catch (inner) {
      if (inner instanceof RangeError) return { finding: tooDeep(chunk, doc) };
      throw inner;
    }
  }
  // Every later stage walks objects recursively; a document nested past the limit stops here, as a finding.
  if (mayBeDeep(chunk) && depthOf(value) > MAX_DEPTH) return { finding: tooDeep(chunk, doc) };
  return ANCHOR_OR_ALIAS.test(chunk) && sharesCollections(value) ? parseGuarded(chunk, doc) : { value };
}

/** Nesting kcfg checks; no real manifest comes near it (Kustomize itself accepts 10,000 levels). */
export const MAX_DEPTH = 200;

/** A cheap pre-test: deep nesting needs long indentation or many brackets. */
function mayBeDeep(chunk: string): boolean {
  // Fewer characters than the depth needs cannot nest that deep (most documents stop here).
  if (chunk.length < MAX_DEPTH * 2) return false;
  if (/\n {200}/.test(chunk) || /(- ){100}/.test(chunk)) return true;
  let brackets = 0;
  for (let i = 0; i < chunk.length; i++) {
    const c = chunk.charCodeAt(i);
    if ((c === 0x5b || c === 0x7b) && ++brackets > MAX_DEPTH) return true;
  }
  return false;
}

function depthOf(root: unknown): number {
  let max = 0;
  const stack: [unknown, number][] = [[root, 0]];
  while (stack.length) {
    const [v, d] = stack.pop()!;
    if (typeof v !== 'object' || v === null) continue;
    if (d + 1 > max) max = d + 1;
    if (max > MAX_DEPTH) return max;
    for (const child of Array.isArray(v) ? v : Object.values(v)) stack.push([child, d + 1]);
  }
  return max;
}

function tooDeep(chunk: string, doc: SourceDocument): Finding {
  const f = yamlFinding(
    'TOO_DEEP',
    `the document nests deeper than ${MAX_DEPTH} levels; kcfg does not check it`,
    0,
    chunk,
    doc,
  );
  return { ...f, ...problem('yaml/too-deep', { detail: f.message }) };
}

function sharesCollections(root: unknown): boolean {
  const seen = new Set<object>();
  const stack: unknown[] = [root];
  while (stack.length) {
    const v = stack.pop();
    if (typeof v !== 'object' || v === null) continue;
    if (seen.has(v)) return true;
    seen.add(v);
    for (const child of Array.isArray(v) ? v : Object.values(v)) stack.push(child);
  }
  return false;
}

function parseGuarded(chunk: string, doc: SourceDocument): One {
  const parsed = yamlModule().parseDocument(chunk, {
    uniqueKeys: true,
    prettyErrors: false,
    schema: 'core',
    strict: true,
  });
  const err = parsed.errors[0];
  if (err) return { finding: yamlFinding(err.code, err.message, err.pos[0], chunk, doc) };
  try {
    return { value: parsed.toJS({ maxAliasCount: MAX_ALIASES }) };
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    return { finding: yamlFinding('ALIAS_COUNT', `refused to expand aliases: ${message}`, 0, chunk, doc) };
  }
}

function yamlFinding(code: string, message: string, offset: number, chunk: string, doc: SourceDocument): Finding {
  const before = chunk.slice(0, offset);
  const lineInChunk = before.split('\n').length - 1;
  const column = offset - (before.lastIndexOf('\n') + 1) + 1;
  // The parsers recurse per nesting level; a pathological depth surfaces as a stack overflow.
  const detail = /call stack/i.test(message) ? 'nesting is too deep to parse' : firstLine(message);
  const kind =
    code === 'DUPLICATE_KEY' ? 'yaml/duplicate-key' : code === 'ALIAS_COUNT' ? 'yaml/alias-bomb' : 'yaml/syntax';
  return {
    ...problem(kind, { detail }),
    source: { file: doc.file, line: doc.line + lineInChunk, column },
  };
}

function firstLine(message: string): string {
  const nl = message.indexOf('\n');
  return (nl < 0 ? message : message.slice(0, nl)).replace(/ at line \d+, column \d+:?$/, '');
}
