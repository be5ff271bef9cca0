// Code frames: the lines around a finding, with secret-looking content masked.

import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { maxInputBytes } from '../resources/guard.js';

const fileCache = new Map<string, string[] | null>();

function linesOf(root: string, file: string, extra: ReadonlyMap<string, string>): string[] | null {
  const key = `${root}\u0000${file}`;
  if (!fileCache.has(key)) {
    const text = extra.get(file) ?? tryRead(join(root, file));
    fileCache.set(key, text === null ? null : text.split('\n'));
  }
  return fileCache.get(key) ?? null;
}

function tryRead(path: string): string | null {
  try {
    // A file refused as too large is not worth reading whole for three lines of context.
    if (statSync(path).size > maxInputBytes()) return null;
    return readFileSync(path, 'utf8');
  } catch {
    return null;
  }
}

/** `KEY=value` lines (generator literals and env files) and Secret data entries never show their values. */
const LITERAL = /^(\s*-?\s*["']?[A-Za-z_][\w.-]*)=.*$/;

export function maskLine(line: string): string {
  return line.replace(LITERAL, '$1=<hidden>');
}

/**
 * A few lines around `line` (1-based), with a caret under `column`. `extra` maps virtual files such as
 * `<rendered:staging>` to their text. Returns [] when the file cannot be read.
 */
export function codeFrame(
  root: string,
  file: string,
  line: number,
  column: number,
  extra: ReadonlyMap<string, string> = new Map(),
  context = 1,
): string[] {
  const lines = linesOf(root, file, extra);
  if (!lines || line < 1 || line > lines.length) return [];
  // A finding without a resource (a YAML error) can still sit inside a Secret; its lines may hold values.
  if (inSecretDocument(lines, line)) return [];
  const from = Math.max(1, line - context);
  const to = Math.min(lines.length, line + context);
  const width = String(to).length;
  const out: string[] = [];
  for (let n = from; n <= to; n++) {
    const raw = lines[n - 1].replace(/\r$/, '');
    const shown = inLiteralsBlock(lines, n - 1)
      ? raw.replace(/^(\s*-\s*).*$/, '$1<hidden>')
      : maskLine(raw).replace(/^(\s*-?\s*literals:\s*)\[.*$/, '$1[<hidden>]');
    const { text, caret } = clip(escapeControls(shown), Math.max(0, column - 1));
    out.push(`${n === line ? '>' : ' '} ${String(n).padStart(width)} | ${text}`);
    if (n === line) out.push(`  ${' '.repeat(width)} | ${' '.repeat(caret)}^`);
  }
  return out;
}

/**
 * Terminal control characters from a source line (an escape sequence can retitle, clear or recolour the
 * terminal reading the report) are shown as `\xNN`; tabs stay.
 */
export function escapeControls(text: string): string {
  return text.replace(
    // eslint-disable-next-line no-control-regex -- control characters are exactly what this escapes
    /[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u2028\u2029]/g,
    (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`,
  );
}

/** A list item under a generator's `literals:` key: a literal written without `=` is a value all the same. */
function inLiteralsBlock(lines: readonly string[], i: number): boolean {
  const line = lines[i];
  if (!/^\s*-\s*\S/.test(line)) return false;
  const indent = line.search(/\S/);
  for (let j = i - 1; j >= 0; j--) {
    const l = lines[j];
    if (!l.trim() || l.trimStart().startsWith('#')) continue;
    const at = l.search(/\S/);
    if (at < indent || (at === indent && !/^\s*-/.test(l))) return /^\s*-?\s*literals\s*:\s*$/.test(l);
  }
  return false;
}

const DOC_MARKER = /^(---|\.\.\.)(\s|$)/;
/** `kind: Secret` however written: block or flow style, JSON, quoted, tagged, as a list item, indented. */
const SECRET_KIND = /(^|[\s{,[-])["']?kind["']?\s*:\s*(!!?[\w/:.-]+\s+)?["']?Secret["']?(?![\w-])/;

/** Whether the document holding `line` is (or contains) a Secret: none of its lines is shown. */
function inSecretDocument(lines: readonly string[], line: number): boolean {
  let from = line - 1;
  while (from > 0 && !DOC_MARKER.test(lines[from])) from--;
  for (let i = from; i < lines.length; i++) {
    if (i > from && DOC_MARKER.test(lines[i])) break;
    if (SECRET_KIND.test(lines[i])) return true;
  }
  return false;
}

const MAX_FRAME_WIDTH = 160;

/** A window of a very long line (minified JSON, deep flow collections) around the column, so frames stay readable. */
function clip(text: string, column: number): { text: string; caret: number } {
  if (text.length <= MAX_FRAME_WIDTH) return { text, caret: column };
  const from = Math.max(0, Math.min(column - MAX_FRAME_WIDTH / 2, text.length - MAX_FRAME_WIDTH));
  const head = from > 0 ? '…' : '';
  const tail = from + MAX_FRAME_WIDTH < text.length ? '…' : '';
  return { text: head + text.slice(from, from + MAX_FRAME_WIDTH) + tail, caret: column - from + head.length };
}
