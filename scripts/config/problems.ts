// Config problems carry the key path and the position of the offending key.

import type { SourceLocation } from '../core/diagnostic.js';
import { ConfigError } from '../core/errors.js';

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
