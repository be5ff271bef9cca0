// Glob patterns in kcfg's own files (kcfg.yaml environment paths, policies/config.yaml environment keys).
// picomatch loads only for a configuration that uses a pattern (~20 ms).

import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

export function isGlob(text: string): boolean {
  return /[*?[\]{}]/.test(text);
}

/** A predicate for one pattern; call it with the name alone (picomatch reads a second argument as an option). */
export function globMatcher(pattern: string, opts: { dot: boolean } = { dot: true }): (name: string) => boolean {
  const picomatch = require('picomatch') as typeof import('picomatch');
  const matches = picomatch(pattern, { dot: opts.dot });
  return (name) => matches(name);
}
