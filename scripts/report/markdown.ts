// Markdown for a pull-request comment (or a job summary). GitHub refuses comments over 65,536 characters,
// so the report degrades in steps — every finding → one row per file → counts per rule — and says what it cut.

import type { CheckResult } from '../check/result.js';
import { countBySeverity, formatResourceId, type Diagnostic, type Severity } from '../core/diagnostic.js';
import { plural } from './common.js';
import type { ReportOptions } from './types.js';

/** Under GitHub's 65,536-character limit for a comment, with room for what the caller adds. */
export const MARKDOWN_BUDGET = 60_000;

export interface MarkdownBudget {
  budget: number;
  /** Characters for comments, UTF-8 bytes for job summaries. */
  measure: 'chars' | 'bytes';
}

type Level = 'full' | 'files' | 'counts';

const LEVELS: readonly Level[] = ['full', 'files', 'counts'];

export function markdownReport(
  result: CheckResult,
  options: ReportOptions,
  limit: MarkdownBudget = { budget: MARKDOWN_BUDGET, measure: 'chars' },
): string {
  const diags = options.quiet ? result.diagnostics.filter((d) => d.severity === 'error') : result.diagnostics;
  const size = (s: string): number => (limit.measure === 'bytes' ? Buffer.byteLength(s, 'utf8') : s.length);
  let fullSize = 0;
  for (const level of LEVELS) {
    const text = render(result, diags, level, fullSize, limit);
    if (level === 'full') fullSize = size(text);
    if (size(text) <= limit.budget) return text;
  }
  return hardCut(render(result, diags, 'counts', fullSize, limit), limit, size);
}

function render(
  result: CheckResult,
  diags: readonly Diagnostic[],
  level: Level,
  fullSize: number,
  limit: MarkdownBudget,
): string {
  const c = countBySeverity(result.diagnostics);
  const verdict = c.error > 0 ? 'failed' : 'passed';
  const out: string[] = [
    `### kcfg ${result.command} ${verdict}: ${plural(c.error, 'error')}, ${plural(c.warning, 'warning')}${c.info ? `, ${c.info} info` : ''}`,
    '',
  ];
  const resources = result.environments.reduce((n, e) => n + e.resources, 0);
  const extra = [
    result.suppressed ? `${result.suppressed} suppressed by exemptions or the baseline` : '',
    result.engine ? `${result.engine.command} ${result.engine.version}` : '',
  ]
    .filter(Boolean)
    .join(', ');
  out.push(
    `${plural(resources, 'resource')} in ${plural(result.environments.length, 'environment')}${extra ? ` (${extra})` : ''}.`,
    '',
  );
  if (level !== 'full') {
    const what =
      level === 'files'
        ? 'individual findings were cut; each file is summarised in one row'
        : 'findings and files were cut; only counts per rule are shown';
    const unit = limit.measure === 'bytes' ? 'bytes' : 'characters';
    out.push(
      `> [!NOTE]`,
      `> The full report (${fullSize.toLocaleString('en-US')} ${unit}) is over the ${limit.budget.toLocaleString('en-US')}-${unit.slice(0, -1)} limit: ${what}. Run \`kcfg ${result.command}\` locally, or open the SARIF or HTML report, for every finding.`,
      '',
    );
  }
  if (result.environments.length > 0) out.push(...environmentTable(result), '');
  if (diags.length === 0) {
    out.push(result.diagnostics.length === 0 ? 'No findings.' : 'No errors (warnings hidden by --quiet).');
    return out.join('\n') + '\n';
  }
  if (level === 'full') out.push(...fullFindings(diags));
  else if (level === 'files') out.push(...fileRows(diags));
  else out.push(...codeRows(diags));
  return out.join('\n') + '\n';
}

function environmentTable(result: CheckResult): string[] {
  const per = new Map<string, Record<Severity, number>>(
    result.environments.map((e) => [e.name, { error: 0, warning: 0, info: 0 }]),
  );
  for (const d of result.diagnostics) {
    for (const e of d.environments) {
      const c = per.get(e);
      if (c) c[d.severity]++;
    }
  }
  const rows = ['| Environment | Resources | Errors | Warnings | Info |', '| --- | ---: | ---: | ---: | ---: |'];
  for (const e of result.environments) {
    const c = per.get(e.name)!;
    rows.push(`| ${cell(e.name)} | ${e.resources} | ${c.error} | ${c.warning} | ${c.info} |`);
  }
  return rows;
}

function fullFindings(diags: readonly Diagnostic[]): string[] {
  const out: string[] = [];
  for (const [file, list] of groupByFile(diags)) {
    out.push(`#### ${code(file)}`, '');
    for (const d of list) {
      const at = d.source ? `line ${d.source.line}` : 'no line';
      const subject = [d.resource ? escapeMd(formatResourceId(d.resource)) : '', d.pointer ? code(d.pointer) : '']
        .filter(Boolean)
        .join(' ');
      const envs = d.environments.length ? ` _(${escapeMd(d.environments.join(', '))})_` : '';
      out.push(
        `- **${d.severity}** ${code(d.code)} ${at}: ${escapeMd(d.message)}${subject ? ` — ${subject}` : ''}${envs}`,
      );
      if (d.hint) out.push(`  - hint: ${escapeMd(d.hint)}`);
    }
    out.push('');
  }
  return out;
}

function fileRows(diags: readonly Diagnostic[]): string[] {
  const out = ['| File | Errors | Warnings | Info | Rules |', '| --- | ---: | ---: | ---: | --- |'];
  for (const [file, list] of groupByFile(diags)) {
    const c = countBySeverity(list);
    const codes = [...new Set(list.map((d) => d.code))].sort();
    const shown = codes.slice(0, 5).map(code).join(', ') + (codes.length > 5 ? ` and ${codes.length - 5} more` : '');
    out.push(`| ${code(file)} | ${c.error} | ${c.warning} | ${c.info} | ${shown} |`);
  }
  return out;
}

function codeRows(diags: readonly Diagnostic[]): string[] {
  const counts = new Map<string, { severity: Severity; n: number; files: Set<string> }>();
  for (const d of diags) {
    const key = `${d.severity}\u0000${d.code}`;
    const c = counts.get(key) ?? { severity: d.severity, n: 0, files: new Set<string>() };
    c.n++;
    c.files.add(d.source?.file ?? '');
    counts.set(key, c);
  }
  const out = ['| Rule | Severity | Findings | Files |', '| --- | --- | ---: | ---: |'];
  for (const [key, c] of [...counts].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
    out.push(`| ${code(key.split('\u0000')[1])} | ${c.severity} | ${c.n} | ${c.files.size} |`);
  return out;
}

function hardCut(text: string, limit: MarkdownBudget, size: (s: string) => number): string {
  const note = '\n\n> [!WARNING]\n> Even the counts exceed the limit; the rest of this table was cut.\n';
  const lines = text.split('\n');
  while (lines.length > 0 && size(lines.join('\n') + note) > limit.budget) lines.pop();
  return lines.join('\n') + note;
}

function groupByFile(diags: readonly Diagnostic[]): Map<string, Diagnostic[]> {
  const groups = new Map<string, Diagnostic[]>();
  for (const d of diags) {
    const file = d.source?.file ?? '(no file)';
    const list = groups.get(file);
    if (list) list.push(d);
    else groups.set(file, [d]);
  }
  return groups;
}

/** Inline code that survives any content: the fence is longer than the longest run of backticks inside. */
function code(s: string): string {
  const longest = Math.max(0, ...(s.match(/`+/g) ?? []).map((m) => m.length));
  const fence = '`'.repeat(longest + 1);
  const pad = s.startsWith('`') || s.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${s.replace(/\|/g, '\\|').replace(/\n/g, ' ')}${pad}${fence}`;
}

export function escapeMd(s: string): string {
  return s
    .replace(/\n/g, ' ')
    .replace(/[\\`*_[\]|#~]/g, (c) => `\\${c}`)
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;');
}

function cell(s: string): string {
  return escapeMd(s);
}
