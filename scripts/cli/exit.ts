import type { Diagnostic } from '../core/diagnostic.js';
import { EXIT } from '../core/errors.js';

/** 1 when any finding is an error, else 0. Usage, config and engine errors exit 2 before reaching here. */
export function exitCodeFor(diagnostics: readonly Diagnostic[]): number {
  return diagnostics.some((d) => d.severity === 'error') ? EXIT.findings : EXIT.ok;
}
