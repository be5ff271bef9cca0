// The reporter registry: every output format is a function of the same CheckResult.

import { githubReport, githubSummaryReport } from './github.js';
import { htmlReport } from './html.js';
import { jsonReport } from './json.js';
import { junitReport } from './junit.js';
import { markdownReport } from './markdown.js';
import { sarifReport } from './sarif.js';
import { textReport } from './text.js';
import type { Reporter } from './types.js';

export const REPORTERS: Record<string, Reporter> = {
  text: textReport,
  json: (result) => jsonReport(result),
  sarif: (result, options) => sarifReport(result, options),
  github: githubReport,
  'github-summary': githubSummaryReport,
  junit: (result) => junitReport(result),
  markdown: (result, options) => markdownReport(result, options),
  html: htmlReport,
};

export type { Reporter, ReportOptions } from './types.js';
