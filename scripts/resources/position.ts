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
  let node: unknown = yd.contents;
  let offset = (node as Node | null)?.range?.[0] ?? 0;
  let exact = true;
  for (const seg of parsePointer((doc.pointer ?? '') + pointer)) {
    const next = step(node, seg);
    if (!next) {
      exact = false;
      break;
    }
    node = next.node;
    offset = next.offset;
  }
  const pos = lines.linePos(offset);
  return { file: doc.file, line: doc.line + pos.line - 1, column: pos.col, exact };
}

function step(node: unknown, seg: string): { node: unknown; offset: number } | undefined {
  const { isMap, isPair, isScalar, isSeq } = yamlModule();
  if (isMap(node)) {
    for (const pair of node.items) {
      if (!isPair(pair)) continue;
      const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
      if (key === seg) {
        const keyNode = pair.key as Node | null;
        return { node: pair.value, offset: keyNode?.range?.[0] ?? (pair.value as Node | null)?.range?.[0] ?? 0 };
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
