// Rule metadata for machine formats (SARIF rules, HTML headings), read from the catalog of finding codes the
// caller passes in (check/catalog.ts); a code outside it (a declarative rule in policies/rules/) is described
// from its findings.

import type { CodeInfo } from '../codes/index.js';
import type { Diagnostic, Severity } from '../core/diagnostic.js';
import { docsLink } from './docs-url.js';

export interface RuleInfo {
  id: string;
  /** PascalCase identifier, as SARIF consumers expect for `name`. */
  name: string;
  title: string;
  description: string;
  /** How to fix a finding of this rule, when known. */
  remediation?: string;
  /** Documentation page: a link when a docs base is known, else the path inside kcfg's package. */
  docs?: string;
  defaultSeverity?: Severity;
}

export function ruleInfo(
  code: string,
  sample: Diagnostic | undefined,
  docsBase: string | undefined,
  catalog: ReadonlyMap<string, CodeInfo> | undefined,
): RuleInfo {
  const info = catalog?.get(code);
  if (info) {
    return {
      id: code,
      name: pascal(code),
      title: info.title,
      description: info.description,
      remediation: info.remediation,
      docs: docsLink(info.docs, docsBase)!,
      defaultSeverity: info.defaultSeverity,
    };
  }
  const docs = docsLink(sample?.docs, docsBase);
  return {
    id: code,
    name: pascal(code),
    title: code,
    description: `Findings reported under ${code}.`,
    ...(sample?.hint ? { remediation: sample.hint } : {}),
    ...(docs ? { docs } : {}),
  };
}

function pascal(id: string): string {
  return id
    .replace(/^policy\//, '')
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w[0].toUpperCase() + w.slice(1))
    .join('');
}
