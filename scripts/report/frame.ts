// Code frames: the lines around a finding, with secret-looking content masked.

import type { LineSource } from '../resources/excerpt-lines.js';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { maxInputBytes } from '../resources/guard.js';
import { declaresSecret, maskCredentialValue } from '../resources/secret-text.js';

/** Where a frame's lines come from: files under `root`, virtual files, or the excerpts of a streamed input. */
export interface FrameSources {
  root: string;
  virtualFiles: ReadonlyMap<string, string>;
  excerpts?: ReadonlyMap<string, LineSource>;
}

/** A file's lines by 0-based index; an excerpt has only some (the others are `undefined`). */
interface Lines {
  length: number;
  at(i: number): string | undefined;
}

const fileCache = new Map<string, Lines | null>();

function linesOf(sources: FrameSources, file: string): Lines | null {
  const excerpt = sources.excerpts?.get(file);
  if (excerpt) return { length: Infinity, at: (i) => excerpt.get(i + 1) };
  const key = `${sources.root}\u0000${file}`;
  if (!fileCache.has(key)) {
    const text = sources.virtualFiles.get(file) ?? tryRead(join(sources.root, file));
    const lines = text === null ? null : text.split('\n');
    fileCache.set(key, lines && { length: lines.length, at: (i) => lines[i] });
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

/** A few lines around `line` (1-based), with a caret under `column`; [] when the file cannot be read. */
export function codeFrame(sources: FrameSources, file: string, line: number, column: number, context = 1): string[] {
  const lines = linesOf(sources, file);
  if (!lines || line < 1 || line > lines.length || lines.at(line - 1) === undefined) return [];
  // A finding without a resource (a YAML error) can still sit inside a Secret; its lines may hold values.
  if (inSecretDocument(lines, line)) return [];
  let from = line;
  while (from > Math.max(1, line - context) && lines.at(from - 2) !== undefined) from--;
  let to = line;
  while (to < Math.min(lines.length, line + context) && lines.at(to) !== undefined) to++;
  const width = String(to).length;
  const out: string[] = [];
  for (let n = from; n <= to; n++) {
    const raw = lines.at(n - 1)!.replace(/\r$/, '');
    const shown = inLiteralsBlock(lines, n - 1)
      ? raw.replace(/^(\s*-\s*).*$/, '$1<hidden>')
      : maskCredentialValue(
          maskLine(raw).replace(/^(\s*-?\s*literals:\s*)\[.*$/, '$1[<hidden>]'),
          lines.at(n - 2),
          lines.at(n),
        );
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
function inLiteralsBlock(lines: Lines, i: number): boolean {
  const line = lines.at(i)!;
  if (!/^\s*-\s*\S/.test(line)) return false;
  const indent = line.search(/\S/);
  for (let j = i - 1; j >= 0; j--) {
    const l = lines.at(j);
    if (l === undefined) return false;
    if (!l.trim() || l.trimStart().startsWith('#')) continue;
    const at = l.search(/\S/);
    if (at < indent || (at === indent && !/^\s*-/.test(l))) return /^\s*-?\s*literals\s*:\s*$/.test(l);
  }
  return false;
}

const DOC_MARKER = /^(---|\.\.\.)(\s|$)/;

/** Whether the document holding `line` is (or contains) a Secret: none of its lines is shown. */
function inSecretDocument(lines: Lines, line: number): boolean {
  let from = line - 1;
  while (from > 0 && lines.at(from - 1) !== undefined && !DOC_MARKER.test(lines.at(from)!)) from--;
  for (let i = from; i < lines.length; i++) {
    const l = lines.at(i);
    if (l === undefined || (i > from && DOC_MARKER.test(l))) break;
    if (declaresSecret(l)) return true;
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
