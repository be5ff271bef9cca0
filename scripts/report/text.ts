// Human output: findings grouped by the file to edit, each with a code frame, then one summary line.

import { countBySeverity, formatResourceId, type Diagnostic, type Severity } from '../core/diagnostic.js';
import type { CheckResult } from '../check/result.js';
import { codeFrame } from './frame.js';
import { COLOR, PLAIN, type Style } from './style.js';
import type { ReportOptions } from './types.js';

const LABEL: Record<Severity, (s: Style) => string> = {
  error: (s) => s.red('error'),
  warning: (s) => s.yellow('warning'),
  info: (s) => s.blue('info'),
};

export function textReport(result: CheckResult, options: ReportOptions): string {
  return [...textChunks(result, options)].join('');
}

const CHUNK_LINES = 4000;

/** The report a file at a time (a large file in pieces), so it is written as it is made. */
export function* textChunks(result: CheckResult, options: ReportOptions): Generator<string> {
  const s = options.color ? COLOR : PLAIN;
  const shown = options.quiet ? result.diagnostics.filter((d) => d.severity === 'error') : result.diagnostics;
  for (const [file, diags] of groupByFile(shown)) {
    let out = [s.bold(s.blue(file))];
    for (const d of diags) {
      out.push(...formatOne(d, s, options), '');
      // A file with thousands of findings (a large input) is written in pieces, not held whole.
      if (out.length >= CHUNK_LINES) {
        yield out.join('\n') + '\n';
        out = [];
      }
    }
    yield out.length > 0 ? out.join('\n') + '\n' : '';
  }
  const out: string[] = [];
  if (options.verbose && result.skippedRules.length > 0) {
    out.push(s.dim(`skipped ${result.skippedRules.length} CEL rule(s) that need oldSelf:`));
    for (const r of result.skippedRules) out.push(s.dim(`  ${r}`));
    out.push('');
  }
  out.push(summaryLine(result, s));
  yield out.join('\n') + '\n';
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

function formatOne(d: Diagnostic, s: Style, options: ReportOptions): string[] {
  const pos = d.source ? `${d.source.line}:${d.source.column}` : '-';
  const envs = d.environments.length > 0 ? s.dim(` [${d.environments.join(', ')}]`) : '';
  const lines = [`  ${s.dim(pos.padEnd(7))} ${LABEL[d.severity](s)} ${d.message} ${s.dim(d.code)}${envs}`];
  const what: string[] = [];
  if (d.resource) what.push(formatResourceId(d.resource));
  if (d.pointer) what.push(d.pointer);
  if (what.length > 0) lines.push(`          ${s.dim(what.join(' '))}`);
  if (d.source && d.resource?.kind !== 'Secret') {
    for (const l of codeFrame(options, d.source.file, d.source.line, d.source.column)) lines.push(`    ${s.dim(l)}`);
  }
  if (d.rendered && options.verbose)
    lines.push(`          ${s.dim(`rendered at ${d.rendered.file}:${d.rendered.line}:${d.rendered.column}`)}`);
  if (d.hint) lines.push(`          ${s.green('hint:')} ${d.hint}`);
  return lines;
}

export function summaryLine(result: CheckResult, s: Style = PLAIN): string {
  const c = countBySeverity(result.diagnostics);
  const envs = result.environments.length;
  const resources = result.environments.reduce((n, e) => n + e.resources, 0);
  const parts = [
    c.error > 0 ? s.red(`${c.error} error${c.error === 1 ? '' : 's'}`) : s.green('0 errors'),
    `${c.warning} warning${c.warning === 1 ? '' : 's'}`,
  ];
  if (c.info > 0) parts.push(`${c.info} info`);
  if (result.suppressed > 0) parts.push(`${result.suppressed} suppressed`);
  const engine = result.engine ? `, ${result.engine.command} ${result.engine.version}` : '';
  const what = `${resources} resource${resources === 1 ? '' : 's'} in ${envs} environment${envs === 1 ? '' : 's'}`;
  return `${s.bold(`kcfg ${result.command}:`)} ${parts.join(', ')} (${what}${engine}, ${Math.round(result.durationMs)} ms)`;
}
