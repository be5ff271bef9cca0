import type { Diagnostic } from '../core/diagnostic.js';
import { EXIT } from '../core/errors.js';

/** Findings that mean an environment was not checked at all: the run's verdict cannot be "clean" or "findings". */
const NOT_CHECKED = new Set(['render/failed']);

/**
 * 2 when an environment failed to render (nothing in it was checked), else 1 when any finding is an error,
 * else 0. Usage, config and engine errors exit 2 before reaching here.
 */
export function exitCodeFor(diagnostics: readonly Diagnostic[]): number {
  if (diagnostics.some((d) => NOT_CHECKED.has(d.code))) return EXIT.error;
  return diagnostics.some((d) => d.severity === 'error') ? EXIT.findings : EXIT.ok;
}
