// In GitHub Actions, `--format github` also appends the Markdown job summary to $GITHUB_STEP_SUMMARY, so
// one flag gives both the annotations and the summary page.

import { appendFileSync } from 'node:fs';
import type { CheckResult } from '../check/result.js';
import type { ReportOptions } from '../report/types.js';

export async function appendStepSummary(
  result: CheckResult,
  formats: readonly string[],
  options: ReportOptions,
  env: NodeJS.ProcessEnv = process.env,
): Promise<boolean> {
  const file = env['GITHUB_STEP_SUMMARY'];
  if (!file || !formats.includes('github') || formats.includes('github-summary')) return false;
  const { githubSummaryReport } = await import('../report/github.js');
  appendFileSync(file, githubSummaryReport(result, { ...options, color: false }));
  return true;
}
