// GitHub Actions workflow commands. GitHub shows only ten annotations of each type per step and drops the rest
// in silence, so kcfg sends at most ten of each, chosen to cover as many rules and files as it can, and one
// notice counting the rest. Escaping follows the runner's rules: data escapes % CR LF; properties also : and ,.

import type { CheckResult } from '../check/result.js';
import type { Diagnostic, Severity } from '../core/diagnostic.js';
import { describeSubject, fallbackFile, isRepoFile } from './common.js';
import { markdownReport } from './markdown.js';
import { summaryLine } from './text.js';
import type { ReportOptions } from './types.js';

const COMMAND: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'notice' };

/** GitHub rejects step summaries over 1 MiB. */
export const STEP_SUMMARY_BYTES = 1024 * 1024;

/** What GitHub shows of each annotation type in one step. */
export const ANNOTATIONS_PER_TYPE = 10;

export function githubReport(result: CheckResult, options: ReportOptions): string {
  const shown: Diagnostic[] = [];
  let left = 0;
  for (const severity of ['error', 'warning', 'info'] as const) {
    const all = result.diagnostics.filter((d) => d.severity === severity);
    // One notice slot stays free for the line that counts what was left out.
    const picked = pickSpread(all, severity === 'info' ? ANNOTATIONS_PER_TYPE - 1 : ANNOTATIONS_PER_TYPE);
    shown.push(...picked);
    left += all.length - picked.length;
  }
  const lines = shown.map((d) => annotation(d, result, options.root));
  if (left > 0)
    lines.push(
      `::notice title=${escapeProperty('kcfg: more findings')}::${escapeData(leftOutText(result, shown, left))}`,
    );
  lines.push(summaryLine(result));
  return lines.join('\n') + '\n';
}

function leftOutText(result: CheckResult, shown: readonly Diagnostic[], left: number): string {
  const kept = new Set(shown);
  const rest = result.diagnostics.filter((d) => !kept.has(d));
  const count = (s: Severity): number => rest.filter((d) => d.severity === s).length;
  const parts = [`${count('error')} errors`, `${count('warning')} warnings`, `${count('info')} notices`].filter(
    (p) => !p.startsWith('0 '),
  );
  return (
    `${left} more finding${left === 1 ? ' is' : 's are'} not annotated (${parts.join(', ')}): GitHub shows ${ANNOTATIONS_PER_TYPE} annotations of each type per step. ` +
    'The job summary lists every finding; upload `--format sarif` to code scanning to see them on the pull request.'
  );
}

/**
 * Up to `max` findings, in their order, covering as many rules and files as possible: first those whose rule and
 * file are both new, then a new rule, then a new file, then the rest.
 */
export function pickSpread(diags: readonly Diagnostic[], max: number): Diagnostic[] {
  if (diags.length <= max) return [...diags];
  const picked = new Set<number>();
  const rules = new Set<string>();
  const files = new Set<string>();
  const fileOf = (d: Diagnostic): string => d.source?.file ?? '';
  const passes: ((d: Diagnostic) => boolean)[] = [
    (d) => !rules.has(d.code) && !files.has(fileOf(d)),
    (d) => !rules.has(d.code),
    (d) => !files.has(fileOf(d)),
    () => true,
  ];
  for (const pass of passes) {
    diags.forEach((d, i) => {
      if (picked.size >= max || picked.has(i) || !pass(d)) return;
      picked.add(i);
      rules.add(d.code);
      files.add(fileOf(d));
    });
  }
  return [...picked].sort((a, b) => a - b).map((i) => diags[i]);
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
