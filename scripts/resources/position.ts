// Pointer → line:column inside one YAML document, through the `yaml` CST. Only called for resources that
// have findings, so the slow parser stays off the hot path.

import type { Document, LineCounter, Node } from 'yaml';
import type { SourceLocation } from '../core/diagnostic.js';
import { parsePointer, type SourceDocument } from '../core/resource.js';
import { blockPosition } from './block-position.js';
import { yamlModule } from './yaml-lazy.js';

interface Parsed {
  doc: Document;
  lines: LineCounter;
}

const cache = new WeakMap<SourceDocument, Parsed>();

function parsed(doc: SourceDocument): Parsed {
  let p = cache.get(doc);
  if (!p) {
    const { LineCounter, parseDocument } = yamlModule();
    const lines = new LineCounter();
    const text = doc.text.slice(doc.start, doc.end);
    p = { doc: parseDocument(text, { lineCounter: lines, uniqueKeys: false, schema: 'core' }), lines };
    cache.set(doc, p);
  }
  return p;
}

/**
 * Position of the value at `pointer`. When the path does not exist in this document (a field added by a
 * later transformation, or a missing required field), the deepest existing ancestor is returned and
 * `exact` is false.
 */
export function positionInDocument(doc: SourceDocument, pointer: string): SourceLocation & { exact: boolean } {
  const full = (doc.pointer ?? '') + pointer;
  const fast = blockPosition(doc.text.slice(doc.start, doc.end), parsePointer(full));
  if (fast) return { file: doc.file, line: doc.line + fast.line, column: fast.column, exact: fast.exact };
  return cstPosition(doc, pointer);
}

/** The exact answer through the `yaml` CST (`pointer` is relative to `doc.pointer`); exported so tests can hold the fast path to it. */
export function cstPosition(doc: SourceDocument, pointer: string): SourceLocation & { exact: boolean } {
  const { doc: yd, lines } = parsed(doc);
  const { offset, exact } = offsetAt(yd.contents, parsePointer((doc.pointer ?? '') + pointer));
  const pos = lines.linePos(offset);
  return { file: doc.file, line: doc.line + pos.line - 1, column: pos.col, exact };
}

/**
 * The one walk from a path to a place in a parsed YAML node: the offset of the mapping key at each step (of
 * its value when `at` is 'value' and the value has a position), or of the deepest ancestor that exists, with
 * `exact` false.
 */
export function offsetAt(
  root: unknown,
  segments: readonly string[],
  at: 'key' | 'value' = 'key',
): { offset: number; exact: boolean } {
  let node = root;
  let offset = (root as Node | null)?.range?.[0] ?? 0;
  for (const seg of segments) {
    const next = step(node, seg, at);
    if (!next) return { offset, exact: false };
    node = next.node;
    offset = next.offset ?? offset;
  }
  return { offset, exact: true };
}

function step(node: unknown, seg: string, at: 'key' | 'value'): { node: unknown; offset?: number } | undefined {
  const { isMap, isPair, isScalar, isSeq } = yamlModule();
  if (isMap(node)) {
    for (const pair of node.items) {
      if (!isPair(pair)) continue;
      const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
      if (key === seg) {
        const keyStart = (pair.key as Node | null)?.range?.[0];
        const valueStart = (pair.value as Node | null)?.range?.[0];
        return { node: pair.value, offset: at === 'key' ? (keyStart ?? valueStart) : (valueStart ?? keyStart) };
      }
    }
    return undefined;
  }
  if (isSeq(node)) {
    const item = node.items[Number(seg)] as Node | undefined;
    if (item?.range) return { node: item, offset: item.range[0] };
  }
  return undefined;
}

/**
 * The file position of `within` (1-based line and column of a string's content) for the string whose key
 * sits at `at`: a block scalar (`key: |`) maps content lines one to one after the key's line, at the
 * content's indentation; a one-line plain or quoted value sits after the key. Anything else (a folded
 * multi-line flow scalar, escapes) keeps `at`.
 */
export function pointInside(
  text: string,
  at: { line: number; column: number },
  within: { line: number; column: number },
): { line: number; column: number } {
  const lines = text.split('\n');
  const keyLine = lines[at.line - 1];
  if (keyLine === undefined) return at;
  const colon = keyLine.indexOf(':', at.column - 1);
  if (colon < 0) return at;
  const rest = keyLine.slice(colon + 1);
  if (/^\s*[|>][-+0-9]*\s*(#.*)?$/.test(rest)) {
    const content = lines[at.line - 1 + within.line];
    if (content === undefined) return at;
    // Blank lines inside the block carry no indentation: take it from the first content line.
    const first = lines.slice(at.line).find((l) => l.trim() !== '') ?? '';
    const indent = first.length - first.trimStart().length;
    return { line: at.line + within.line, column: indent + within.column };
  }
  if (within.line !== 1) return at;
  const start = colon + 1 + (rest.length - rest.trimStart().length);
  const quoted = /^["']/.test(rest.trimStart()) ? 1 : 0;
  return { line: at.line, column: start + quoted + within.column };
}
