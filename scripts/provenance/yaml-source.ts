// YAML text with positions: whole files (base manifests, patch files, kustomizations) and YAML embedded in a
// kustomization's string scalar (inline patches), whose offsets map back to lines of the kustomization file.

import { readFileSync, statSync } from 'node:fs';
import type { Document, LineCounter, Node } from 'yaml';
import { isScalar, yamlModule } from '../resources/yaml-lazy.js';
import type { SourceLocation } from '../core/diagnostic.js';
import type { Kustomization } from '../workspace/kustomization.js';
import { absolute } from '../workspace/paths.js';

/** Provenance reads only what people keep in a repository; anything bigger is not worth a slow parse. */
const MAX_SOURCE_BYTES = 4 * 1024 * 1024;

export interface YamlSource {
  /** Repository-relative file the positions refer to. */
  file: string;
  docs: Document[];
  /** The parsed text (for a file, the whole file). */
  text: string;
  /** Position in `file` of an offset inside the parsed text. */
  at(offset: number): SourceLocation;
}

export function parseYaml(text: string): { docs: Document[]; lines: LineCounter } {
  const { LineCounter, parseAllDocuments } = yamlModule();
  const lines = new LineCounter();
  const parsed = parseAllDocuments(text, { lineCounter: lines, uniqueKeys: false, schema: 'core' });
  // A stream the parser gives up on comes back as an EmptyStream (no documents); that is simply "no match".
  const docs = Array.isArray(parsed) ? parsed.filter((d) => d.contents !== null) : [];
  return { docs, lines };
}

export function fileSource(file: string, text: string): YamlSource {
  const { docs, lines } = parseYaml(text);
  return { file, docs, text, at: (offset) => location(file, lines, offset) };
}

/**
 * YAML held in a string scalar of `host` (e.g. `patch: |` in a kustomization). Block scalars keep one value
 * line per host line below their header; single-line quoted or plain scalars sit on the header line. Offsets
 * map to offsets of the host's text, so YAML embedded in embedded YAML (an inline patch in an inline
 * transformer) still lands on its line of the file.
 */
export function embeddedSource(host: YamlSource, scalar: Node): YamlSource | undefined {
  if (!isScalar(scalar) || typeof scalar.value !== 'string' || !scalar.range) return undefined;
  const { docs, lines } = parseYaml(scalar.value);
  const from = scalar.range[0];
  const block = scalar.type === 'BLOCK_LITERAL' || scalar.type === 'BLOCK_FOLDED';
  const indent = block ? blockIndent(host.text, from, scalar.range[1]) : 0;
  const quoted = scalar.type === 'QUOTE_DOUBLE' || scalar.type === 'QUOTE_SINGLE' ? 1 : 0;
  const hostOffset = (offset: number): number => {
    const p = lines.linePos(offset);
    if (block) return lineStartBelow(host.text, from, p.line) + indent + p.col - 1;
    if (p.line === 1) return from + quoted + p.col - 1;
    return lineStartBelow(host.text, from, p.line - 1);
  };
  return { file: host.file, docs, text: scalar.value, at: (offset) => host.at(hostOffset(offset)) };
}

/** Start of the line `n` lines below the one holding `from`. */
function lineStartBelow(text: string, from: number, n: number): number {
  let i = from;
  for (let k = 0; k < n; k++) {
    const nl = text.indexOf('\n', i);
    if (nl < 0) return text.length;
    i = nl + 1;
  }
  return i;
}

/** Indentation of a block scalar's content: that of its first non-blank line below the header. */
function blockIndent(text: string, from: number, to: number): number {
  let i = text.indexOf('\n', from);
  while (i >= 0 && i < to) {
    const lineStart = i + 1;
    let j = lineStart;
    while (text[j] === ' ') j++;
    if (text[j] !== '\n' && text[j] !== '\r' && j < text.length) return j - lineStart;
    i = text.indexOf('\n', lineStart);
  }
  return 0;
}

function location(file: string, lines: LineCounter, offset: number): SourceLocation {
  const p = lines.linePos(offset);
  return { file, line: p.line, column: p.col };
}

/** Parsed repository files, read once per locator; unreadable or oversized files are remembered as absent. */
export class SourceCache {
  private readonly files = new Map<string, YamlSource | undefined>();
  private readonly texts = new Map<string, string | undefined>();
  private readonly kustomizations = new WeakMap<Kustomization, YamlSource>();

  constructor(private readonly root: string) {}

  get(file: string): YamlSource | undefined {
    if (this.files.has(file)) return this.files.get(file);
    let source: YamlSource | undefined;
    try {
      const abs = absolute(this.root, file);
      if (statSync(abs).size <= MAX_SOURCE_BYTES) source = fileSource(file, readFileSync(abs, 'utf8'));
    } catch {
      source = undefined;
    }
    this.files.set(file, source);
    return source;
  }

  /** Plain text of a small file (e.g. a generator's env file), or undefined. */
  raw(file: string): string | undefined {
    if (this.texts.has(file)) return this.texts.get(file);
    let text: string | undefined;
    try {
      const abs = absolute(this.root, file);
      if (statSync(abs).size <= MAX_SOURCE_BYTES) text = readFileSync(abs, 'utf8');
    } catch {
      text = undefined;
    }
    this.texts.set(file, text);
    return text;
  }

  /** A kustomization parsed from the text the workspace reader already holds. */
  kustomization(k: Kustomization): YamlSource {
    let source = this.kustomizations.get(k);
    if (!source) {
      source = fileSource(k.file, k.text);
      this.kustomizations.set(k, source);
    }
    return source;
  }
}
