// Reports name files relative to the git top level (where GitHub, code scanning and editors resolve them),
// while every stage works relative to kcfg's root. When the two differ (kcfg.yaml in a subfolder), paths are
// prefixed here, once, before any reporter runs; documentation paths become links at the same time.

import type { CheckResult } from '../check/result.js';
import type { Diagnostic, SourceLocation } from '../core/diagnostic.js';
import { docsLink } from './docs-url.js';

/** `prefix` is kcfg's root relative to the git top level (`deploy`), or '' when they are the same. */
export function rebaseResult(result: CheckResult, prefix: string, docsBase: string | undefined): CheckResult {
  const join = (p: string): string => (prefix === '' ? p : p === '.' ? prefix : `${prefix}/${p}`);
  const loc = (l: SourceLocation | undefined): SourceLocation | undefined =>
    l && !l.file.startsWith('<') ? { ...l, file: join(l.file) } : l;
  // One link string per page, shared by its findings (a large input has thousands of each code).
  const links = new Map<string, string | undefined>();
  const link = (path: string | undefined): string | undefined => {
    if (path === undefined) return undefined;
    if (!links.has(path)) links.set(path, docsLink(path, docsBase));
    return links.get(path);
  };
  const diagnostics = result.diagnostics.map((d): Diagnostic => {
    const docs = link(d.docs);
    // Nothing to move or link: the diagnostic itself, not a copy.
    if (prefix === '' && docs === d.docs) return d;
    const source = loc(d.source);
    const rendered = loc(d.rendered);
    return { ...d, ...(source ? { source } : {}), ...(rendered ? { rendered } : {}), ...(docs ? { docs } : {}) };
  });
  const environments = result.environments.map((e) => (e.dir ? { ...e, dir: join(e.dir) } : e));
  return { ...result, diagnostics, environments };
}
