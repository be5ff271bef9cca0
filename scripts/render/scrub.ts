// Engine errors about generator inputs quote them: a literal without `=` is printed whole, an env file line
// with invalid UTF-8 is printed as text and as bytes. For Secret generators that text is the secret. Every
// such error is reworded without the input, and any remaining occurrence of a Secret input is cut out.

import { readFileSync } from 'node:fs';
import type { SourceLocation } from '../core/diagnostic.js';
import { isObject } from '../core/resource.js';
import type { Kustomization } from '../workspace/kustomization.js';
import { absolute, joinRel } from '../workspace/paths.js';

export const HIDDEN = '<hidden>';

interface SecretInputs {
  /** Strings that must never appear: literals, values, env lines (and their escaped and byte spellings). */
  needles: string[];
}

/** What the Secret generators of these kustomizations read, as strings to cut from any message. */
export function secretInputs(kustomizations: Iterable<Kustomization>): SecretInputs {
  const needles = new Set<string>();
  const add = (s: string): void => {
    const t = s.trim();
    if (t.length >= 3) needles.add(t);
  };
  for (const k of kustomizations) {
    const gens = k.data['secretGenerator'];
    if (!Array.isArray(gens)) continue;
    for (const g of gens) {
      if (!isObject(g)) continue;
      for (const lit of strings(g['literals'])) {
        add(lit);
        if (lit.includes('=')) add(lit.slice(lit.indexOf('=') + 1));
      }
      for (const f of [
        ...strings(g['envs']),
        ...(typeof g['env'] === 'string' ? [g['env']] : []),
        ...strings(g['files']),
      ]) {
        const path = f.includes('=') ? f.slice(f.indexOf('=') + 1) : f;
        let bytes: Buffer;
        try {
          bytes = readFileSync(absolute(k.root, joinRel(k.dir, path)));
        } catch {
          continue;
        }
        for (const line of splitLines(bytes)) {
          add(line.toString('utf8'));
          add(goEscaped(line));
          add(`[${[...line].join(' ')}]`);
          const text = line.toString('utf8');
          const eq = text.search(/[=:]/);
          if (eq >= 0) add(text.slice(eq + 1));
        }
      }
    }
  }
  return { needles: [...needles].sort((a, b) => b.length - a.length) };
}

/**
 * `text` fit to print: errors that quote generator inputs (Kustomize's "loading KV pairs" family) are
 * reworded to say what is wrong and where, never with what; then every Secret input left is cut.
 */
export function scrubGeneratorError(text: string, inputs: SecretInputs): string {
  let out = text;
  // Errors about a missing input quote only its path and stay as they are.
  const kv = /^(?:.*?)loading KV pairs: (env source files|literal sources|file sources)?:? ?\[([^\]]*)\]/.exec(out);
  if (kv && !/no such file or directory|evalsymlink failure|not in or below/.test(out)) {
    const what = kv[1] === 'literal sources' ? 'a generator literal' : `generator input ${kv[2]}`;
    if (/invalid literal source/.test(out)) out = `${what} is not KEY=value (the value is not shown)`;
    else if (/invalid utf8|invalid UTF-8/i.test(out))
      out = `${what} has a line that is not valid UTF-8 (the line is not shown)`;
    else out = `cannot read ${what} (details are not shown: they may quote secret values)`;
  }
  for (const n of inputs.needles) out = out.split(n).join(HIDDEN);
  return out;
}

/** The line of the first generator literal without `=` (what "invalid literal source" is about). */
export function badLiteral(kustomizations: Iterable<Kustomization>): SourceLocation | undefined {
  for (const k of kustomizations) {
    for (const field of ['secretGenerator', 'configMapGenerator']) {
      const gens = k.data[field];
      if (!Array.isArray(gens)) continue;
      for (const g of gens) {
        if (!isObject(g)) continue;
        const bad = strings(g['literals']).find((l) => !l.includes('='));
        if (bad === undefined) continue;
        const lines = k.text.split('\n');
        const i = lines.findIndex((l) => l.includes(bad));
        return { file: k.file, line: i + 1 || 1, column: i >= 0 ? lines[i].indexOf(bad) + 1 : 1 };
      }
    }
  }
  return undefined;
}

function splitLines(b: Buffer): Buffer[] {
  const out: Buffer[] = [];
  let start = 0;
  for (let i = 0; i <= b.length; i++) {
    if (i === b.length || b[i] === 0x0a) {
      let end = i;
      if (end > start && b[end - 1] === 0x0d) end--;
      if (end > start) out.push(b.subarray(start, end));
      start = i + 1;
    }
  }
  return out;
}

/** How Go's %q-style quoting shows invalid bytes: `\xff`. */
function goEscaped(line: Buffer): string {
  let s = '';
  for (const byte of line) s += byte < 0x80 ? String.fromCharCode(byte) : `\\x${byte.toString(16).padStart(2, '0')}`;
  return s;
}

function strings(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}
