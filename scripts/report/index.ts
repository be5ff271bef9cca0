// The reporter registry: every output format is a function of the same CheckResult. Each reporter is
// imported when its format is asked for (SARIF and HTML alone cost ~40 ms each to load).

import type { Reporter } from './types.js';

const LOADERS: Record<string, () => Promise<Reporter>> = {
  text: async () => (await import('./text.js')).textReport,
  json: async () => {
    const { jsonReport } = await import('./json.js');
    return (result) => jsonReport(result);
  },
  sarif: async () => {
    const { sarifReport } = await import('./sarif.js');
    return (result, options) => sarifReport(result, options);
  },
  github: async () => (await import('./github.js')).githubReport,
  'github-summary': async () => (await import('./github.js')).githubSummaryReport,
  junit: async () => {
    const { junitReport } = await import('./junit.js');
    return (result) => junitReport(result);
  },
  markdown: async () => {
    const { markdownReport } = await import('./markdown.js');
    return (result, options) => markdownReport(result, options);
  },
  html: async () => (await import('./html.js')).htmlReport,
};

export const REPORT_FORMATS: readonly string[] = Object.keys(LOADERS);

export function loadReporter(format: string): Promise<Reporter> {
  const load = LOADERS[format];
  if (!load) throw new Error(`no reporter for format ${format}`);
  return load();
}

export type { Reporter, ReportOptions } from './types.js';
