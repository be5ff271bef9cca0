// Config problems carry the key path and the position of the offending key, found through the yaml CST.

import type { Document, LineCounter, Node } from 'yaml';
import type { SourceLocation } from '../core/diagnostic.js';
import { ConfigError } from '../core/errors.js';
import { yamlModule } from '../resources/yaml-lazy.js';

export interface ConfigProblem {
  /** Dotted key path, e.g. `environments[0].path`; empty for the whole file. */
  keyPath: string;
  message: string;
  location: SourceLocation;
  hint?: string;
}

export type Segment = string | number;

export function keyPathOf(segments: readonly Segment[]): string {
  let out = '';
  for (const s of segments) out += typeof s === 'number' ? `[${s}]` : out ? `.${s}` : s;
  return out;
}

/** Position of the key (or list item) at `segments`; the deepest existing ancestor when the path is absent. */
export function locateKey(
  doc: Document,
  lines: LineCounter,
  file: string,
  segments: readonly Segment[],
): SourceLocation {
  const { isMap, isPair, isScalar, isSeq } = yamlModule();
  let node: unknown = doc.contents;
  let offset = (node as Node | null)?.range?.[0] ?? 0;
  for (const seg of segments) {
    let next: { node: unknown; offset: number } | undefined;
    if (isMap(node)) {
      const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(seg));
      if (pair) next = { node: pair.value, offset: (pair.key as Node).range?.[0] ?? offset };
    } else if (isSeq(node) && typeof seg === 'number') {
      const item = node.items[seg] as Node | undefined;
      if (item?.range) next = { node: item, offset: item.range[0] };
    }
    if (!next) break;
    node = next.node;
    offset = next.offset;
  }
  const pos = lines.linePos(offset);
  return { file, line: pos.line, column: pos.col };
}

/** One error for all problems: the first gives the location, the rest are listed in the message. */
export function problemsError(problems: readonly ConfigProblem[]): ConfigError {
  const [first, ...rest] = problems;
  if (!first) return new ConfigError('invalid configuration');
  const describe = (p: ConfigProblem): string => (p.keyPath ? `${p.keyPath}: ${p.message}` : p.message);
  const more = rest
    .map((p) => `\n  ${p.location.file}:${p.location.line}:${p.location.column}: ${describe(p)}`)
    .join('');
  return new ConfigError(describe(first) + more, first.location, first.hint);
}
