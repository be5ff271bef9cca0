// Machine output. The shape is documented in docs/output.md and versioned by `schemaVersion`.

import type { CheckResult } from '../check/result.js';
import { countBySeverity } from '../core/diagnostic.js';

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
    diagnostics: result.diagnostics,
  };
  return JSON.stringify(doc, null, 2) + '\n';
}
