// Machine output. The shape is documented in docs/output.md and versioned by `schemaVersion`.

import type { CheckResult } from '../check/result.js';
import { countBySeverity, type Diagnostic } from '../core/diagnostic.js';

export const JSON_SCHEMA_VERSION = 1;

export function jsonReport(result: CheckResult): string {
  const doc = {
    schemaVersion: JSON_SCHEMA_VERSION,
    tool: 'kcfg',
    command: result.command,
    engine: result.engine ?? null,
    environments: result.environments.map(({ resourceIds: _ids, ...e }) => e),
    summary: { ...countBySeverity(result.diagnostics), suppressed: result.suppressed },
    skippedRules: result.skippedRules,
    diagnostics: result.diagnostics.map(ordered),
  };
  return JSON.stringify(doc, null, 2) + '\n';
}

/** One key order for every diagnostic, whatever order the checks built it in (docs/output.md shows it). */
function ordered(d: Diagnostic): Diagnostic {
  const { code, severity, message, args, pointer, docs, hint, environments, resource, source, rendered, ...rest } = d;
  return {
    code,
    severity,
    message,
    ...(args !== undefined ? { args } : {}),
    ...(pointer !== undefined ? { pointer } : {}),
    ...(docs !== undefined ? { docs } : {}),
    ...(hint !== undefined ? { hint } : {}),
    environments,
    ...(resource !== undefined ? { resource } : {}),
    ...(source !== undefined ? { source } : {}),
    ...(rendered !== undefined ? { rendered } : {}),
    ...rest,
  };
}
