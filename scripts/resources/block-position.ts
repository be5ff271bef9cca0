// Pointer → position by scanning indentation, for the block-style YAML that Kustomize emits and people write.
// About fifty times cheaper than building a CST; anything it is not sure about (flow collections, anchors,
// tags, complex keys, tabs) returns undefined and the caller falls back to the `yaml` CST.

export interface BlockPosition {
  /** 0-based line within the text. */
  line: number;
  /** 1-based column. */
  column: number;
  exact: boolean;
}

interface Container {
  from: number;
  to: number;
  /** Column (0-based) where the container's entries start. */
  indent: number;
  /** Column where the first line's content starts (differs from `indent` only for `- key: value` items). */
  firstCol: number;
}

const KEY =
  /^(?:"((?:[^"\\]|\\.)*)"|'((?:[^']|'')*)'|([^\s#'"{[\]}&*!|>?%@`,-][^#]*?|-[^\s#][^#]*?))[ \t]*:(?:[ \t]|$)/;

export function blockPosition(text: string, segments: readonly string[]): BlockPosition | undefined {
  const lines = text.split('\n');
  let i = 0;
  while (i < lines.length && skippable(lines[i], true)) i++;
  if (i >= lines.length) return undefined;
  const rootIndent = indentOf(lines[i]);
  if (rootIndent < 0) return undefined;
  let c: Container = { from: i, to: lines.length, indent: rootIndent, firstCol: rootIndent };
  let pos = { line: i, column: rootIndent + 1 };
  for (let s = 0; s < segments.length; s++) {
    const next = step(lines, c, segments[s]);
    if (next === null) return undefined;
    if (next === undefined) return { ...pos, exact: false };
    pos = { line: next.line, column: next.column };
    if (!next.child) return { ...pos, exact: s === segments.length - 1 };
    c = next.child;
  }
  return { ...pos, exact: true };
}

type Step = { line: number; column: number; child?: Container } | undefined | null;

/** `undefined`: not found; `null`: a construct this scanner does not handle. */
function step(lines: string[], c: Container, seg: string): Step {
  const first = contentAt(lines, c, c.from);
  if (first === null) return null;
  const isSeq = /^-(?:[ \t]|$)/.test(first);
  let index = -1;
  for (let j = c.from; j < c.to; j++) {
    const line = lines[j];
    if (skippable(line, false)) continue;
    const col = j === c.from ? c.firstCol : indentOf(line);
    if (col < 0) return null;
    if (col !== c.indent) continue;
    const content = line.slice(col);
    if (isSeq) {
      if (!/^-(?:[ \t]|$)/.test(content)) return null;
      index++;
      if (String(index) !== seg) continue;
      const rest = content.slice(1);
      const pad = rest.length - rest.trimStart().length;
      const end = seqItemEnd(lines, j, c);
      const inline = rest.trim();
      if (inline === '' || inline.startsWith('#')) {
        // A bare dash: the item is the block below it (the CST's item node starts there too).
        const child = nested(lines, j + 1, end);
        if (child === null) return null;
        return child ? { line: child.from, column: child.indent + 1, child } : { line: j, column: col + 1 };
      }
      if (/^[{[&*!]/.test(inline)) return null;
      const itemCol = col + 1 + pad;
      if (KEY.test(inline) || /^-(?:[ \t]|$)/.test(inline)) {
        return { line: j, column: itemCol + 1, child: { from: j, to: end, indent: itemCol, firstCol: itemCol } };
      }
      return { line: j, column: itemCol + 1 };
    }
    if (content.startsWith('? ') || content === '?') return null;
    // `key:` followed by `- item` lines at the key's own column: the items belong to that key's value.
    if (/^-(?:[ \t]|$)/.test(content)) continue;
    const m = KEY.exec(content);
    if (!m) return null;
    const key = m[1] !== undefined ? unescapeDouble(m[1]) : m[2] !== undefined ? m[2].replace(/''/g, "'") : m[3];
    if (key !== seg) continue;
    const after = content.slice(m[0].length).trim();
    const end = mapValueEnd(lines, j, c, after);
    if (after === '' || after.startsWith('#')) {
      const child = nested(lines, j + 1, end);
      return child === null ? null : { line: j, column: col + 1, ...(child ? { child } : {}) };
    }
    if (/^[{[&*!]/.test(after)) return null;
    return { line: j, column: col + 1 };
  }
  return undefined;
}

/** The block nested under a key or a bare dash, or undefined when it is empty. */
function nested(lines: string[], from: number, to: number): Container | undefined | null {
  for (let k = from; k < to; k++) {
    if (skippable(lines[k], false)) continue;
    const indent = indentOf(lines[k]);
    if (indent < 0) return null;
    return { from: k, to, indent, firstCol: indent };
  }
  return undefined;
}

/** A map value ends at the next line indented at or left of its key, except a block sequence at the key's own column. */
function mapValueEnd(lines: string[], j: number, c: Container, after: string): number {
  const seqAtKeyColumn = after === '' || after.startsWith('#');
  for (let k = j + 1; k < c.to; k++) {
    const line = lines[k];
    if (skippable(line, false)) continue;
    const indent = indentOf(line);
    if (indent > c.indent) continue;
    if (indent === c.indent && seqAtKeyColumn && /^-(?:[ \t]|$)/.test(line.slice(indent))) continue;
    return k;
  }
  return c.to;
}

function seqItemEnd(lines: string[], j: number, c: Container): number {
  for (let k = j + 1; k < c.to; k++) {
    const line = lines[k];
    if (skippable(line, false)) continue;
    if (indentOf(line) <= c.indent) return k;
  }
  return c.to;
}

function contentAt(lines: string[], c: Container, j: number): string | null {
  for (let k = j; k < c.to; k++) {
    const line = lines[k];
    if (skippable(line, false)) continue;
    const col = k === c.from ? c.firstCol : indentOf(line);
    return col < 0 ? null : line.slice(col);
  }
  return '';
}

/** Blank lines and comments carry no structure; at the top, document markers and directives neither. */
function skippable(line: string, top: boolean): boolean {
  const t = line.trim();
  if (t === '' || t.startsWith('#')) return true;
  return top && (t === '---' || t.startsWith('--- #') || t.startsWith('%'));
}

/** Column of the first non-space character; -1 when a tab appears in the indentation. */
function indentOf(line: string): number {
  let n = 0;
  while (n < line.length && line[n] === ' ') n++;
  return line[n] === '\t' ? -1 : n;
}

function unescapeDouble(s: string): string {
  return s.includes('\\') ? (JSON.parse(`"${s}"`) as string) : s;
}
