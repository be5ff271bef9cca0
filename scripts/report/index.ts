// The reporter registry: every output format is a function of the same CheckResult. Each reporter is
// imported when its format is asked for (SARIF and HTML alone cost ~40 ms each to load).

import type { Reporter } from './types.js';

const LOADERS: Record<string, () => Promise<Reporter>> = {
  text: async () => (await import('./text.js')).textReport,
  json: async () => (await import('./json.js')).jsonReport,
  sarif: async () => (await import('./sarif.js')).sarifReport,
  github: async () => (await import('./github.js')).githubReport,
  'github-summary': async () => (await import('./github.js')).githubSummaryReport,
  junit: async () => (await import('./junit.js')).junitReport,
  markdown: async () => (await import('./markdown.js')).markdownReport,
  html: async () => (await import('./html.js')).htmlReport,
};

export const REPORT_FORMATS: readonly string[] = Object.keys(LOADERS);

export function loadReporter(format: string): Promise<Reporter> {
  const load = LOADERS[format];
  if (!load) throw new Error(`no reporter for format ${format}`);
  return load();
}

/** A format's report in pieces: text and JSON are written as they are made, the rest in one piece. */
export async function loadReportWriter(format: string): Promise<(...args: Parameters<Reporter>) => Iterable<string>> {
  if (format === 'text') return (await import('./text.js')).textChunks;
  if (format === 'json') return (await import('./json.js')).jsonChunks;
  const reporter = await loadReporter(format);
  return (result, options) => [reporter(result, options)];
}

export type { Reporter, ReportOptions } from './types.js';
