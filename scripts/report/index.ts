// The reporter registry: every output format is a function of the same CheckResult.

import { jsonReport } from './json.js';
import { textReport } from './text.js';
import type { Reporter } from './types.js';

export const REPORTERS: Record<string, Reporter> = {
  text: textReport,
  json: (result) => jsonReport(result),
};

export type { Reporter, ReportOptions } from './types.js';
