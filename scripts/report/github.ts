// GitHub Actions workflow commands. GitHub shows only ten annotations of each type per step, so errors
// come first. Escaping follows the runner's rules: data escapes % CR LF; properties also escape : and ,.

import type { CheckResult } from '../check/result.js';
import type { Diagnostic, Severity } from '../core/diagnostic.js';
import { bySeverity, describeSubject, fallbackFile, isRepoFile } from './common.js';
import { markdownReport } from './markdown.js';
import { summaryLine } from './text.js';
import type { ReportOptions } from './types.js';

const COMMAND: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'notice' };

/** GitHub rejects step summaries over 1 MiB. */
export const STEP_SUMMARY_BYTES = 1024 * 1024;

export function githubReport(result: CheckResult, options: ReportOptions): string {
  const lines = bySeverity(result.diagnostics).map((d) => annotation(d, result, options.root));
  lines.push(summaryLine(result));
  return lines.join('\n') + '\n';
}

export function annotation(d: Diagnostic, result: CheckResult, root: string): string {
  const props: string[] = [];
  const where = isRepoFile(d.source?.file) ? d.source : undefined;
  const file = where?.file ?? fallbackFile(d, result, root);
  if (file) {
    props.push(`file=${escapeProperty(file)}`);
    props.push(`line=${where?.line ?? 1}`);
    if (where) {
      props.push(`col=${where.column}`);
      if (where.endLine) props.push(`endLine=${where.endLine}`);
      if (where.endColumn && (where.endLine ?? where.line) === where.line) props.push(`endColumn=${where.endColumn}`);
    }
  }
  const envs = d.environments.length ? ` [${d.environments.join(', ')}]` : '';
  props.push(`title=${escapeProperty(`kcfg ${d.code}${envs}`)}`);
  const body = [d.message];
  const subject = describeSubject(d);
  if (subject) body.push(subject);
  if (!where && d.source) body.push(`at ${d.source.file}:${d.source.line}:${d.source.column}`);
  if (d.hint) body.push(`hint: ${d.hint}`);
  if (d.docs) body.push(`docs: ${d.docs}`);
  return `::${COMMAND[d.severity]} ${props.join(',')}::${escapeData(body.join('\n'))}`;
}

export function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

export function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/** The job summary (`$GITHUB_STEP_SUMMARY`): the Markdown report within GitHub's 1 MiB limit. */
export function githubSummaryReport(result: CheckResult, options: ReportOptions): string {
  return markdownReport(result, options, { budget: STEP_SUMMARY_BYTES, measure: 'bytes' });
}
