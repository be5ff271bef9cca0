// `--format X --output FILE` pairs: each format is rendered once and written atomically, or to stdout.

import { relative, resolve } from 'node:path';
import type { Config } from '../config/types.js';
import { docsBase } from '../report/docs-url.js';
import { rebaseResult } from '../report/rebase.js';
import { toPosix } from '../workspace/paths.js';
import type { CheckResult } from '../check/result.js';
import { KcfgError, UsageError } from '../core/errors.js';
import { writeFileAtomic } from '../core/fs.js';
import { loadReportWriter, REPORT_FORMATS, type ReportOptions } from '../report/index.js';
import { appendStepSummary } from '../workflow/step-summary.js';
import { useColor } from '../report/style.js';
import { bool, list, type Parsed } from './args.js';

export interface OutputTarget {
  format: string;
  /** Undefined means stdout. */
  file?: string;
}

/** Pair formats with outputs in order; at most one format may go to stdout. */
export function outputTargets(p: Parsed, known: readonly string[] = REPORT_FORMATS): OutputTarget[] {
  const formats = list(p, 'format');
  const outputs = list(p, 'output');
  if (formats.length === 0) formats.push('text');
  if (outputs.length > formats.length)
    throw new UsageError('more --output than --format flags', 'give each --output a --format before it');
  for (const f of formats) {
    if (!known.includes(f)) throw new UsageError(`unknown format '${f}'`, `choose one of: ${known.join(', ')}`);
  }
  const targets = formats.map((format, i) => (outputs[i] ? { format, file: outputs[i] } : { format }));
  if (targets.filter((t) => !t.file).length > 1)
    throw new UsageError('only one --format can go to standard output', 'add an --output FILE for the others');
  return targets;
}

/** Options for the reporters; with a configuration, paths are rebased onto its git top level. */
export function reportOptions(
  p: Parsed,
  root: string,
  virtualFiles: ReadonlyMap<string, string>,
  config?: Pick<Config, 'repoRoot' | 'docsUrl'>,
): ReportOptions {
  const color = bool(p, 'no-color') ? false : bool(p, 'color') ? true : useColor(process.stdout);
  const docs = docsBase(config?.docsUrl);
  return {
    root,
    color,
    quiet: bool(p, 'quiet'),
    verbose: bool(p, 'verbose'),
    virtualFiles,
    ...(config ? { repoRoot: config.repoRoot } : {}),
    ...(docs ? { docsBase: docs } : {}),
  };
}

const DESCRIBES_RULES = new Set(['sarif', 'html']);

/** Render every target; in GitHub Actions, `--format github` also appends the job summary (every command). */
export async function emit(
  original: CheckResult,
  targets: OutputTarget[],
  given: ReportOptions,
  cwd: string,
): Promise<void> {
  const repoRoot = given.repoRoot ?? given.root;
  const prefix = toPosix(relative(repoRoot, given.root));
  const result = rebaseResult(original, prefix.startsWith('..') ? '' : prefix, given.docsBase);
  const rebased = prefix.startsWith('..')
    ? given
    : { ...given, root: repoRoot, ...(given.excerpts ? { excerpts: rebaseKeys(given.excerpts, prefix) } : {}) };
  // Rule descriptions are read only by the formats that print them.
  const options = targets.some((t) => DESCRIBES_RULES.has(t.format))
    ? { ...rebased, catalog: await (await import('../check/catalog.js')).loadCatalog() }
    : rebased;
  for (const t of targets) {
    const report = await loadReportWriter(t.format);
    if (t.file) writeReport(resolve(cwd, t.file), report(result, { ...options, color: false }));
    else for (const chunk of report(result, options)) process.stdout.write(chunk);
  }
  await appendStepSummary(
    result,
    targets.map((t) => t.format),
    options,
  );
}

/** Excerpts are keyed by file like the diagnostics, so they move with them. */
function rebaseKeys<T>(map: ReadonlyMap<string, T>, prefix: string): ReadonlyMap<string, T> {
  if (prefix === '') return map;
  return new Map([...map].map(([file, v]) => [file.startsWith('<') ? file : `${prefix}/${file}`, v]));
}

/** A report file that cannot be written (a file where a directory should be, a read-only disk) ends the run cleanly. */
export function writeReport(path: string, text: string | Iterable<string>): void {
  try {
    writeFileAtomic(path, text);
  } catch (e) {
    throw new KcfgError(`cannot write ${path}: ${fsReason(e)}`, undefined, undefined, 'choose another --output path');
  }
}

export function fsReason(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  const reasons: Record<string, string> = {
    ENOENT: 'no such directory',
    ENOTDIR: 'a path component is a file, not a directory',
    EEXIST: 'a path component is a file, not a directory',
    EACCES: 'permission denied',
    EPERM: 'permission denied',
    EROFS: 'read-only file system',
    ENOSPC: 'no space left on device',
    EISDIR: 'it is a directory',
  };
  return (err?.code && reasons[err.code]) || (e instanceof Error ? e.message : String(e));
}
