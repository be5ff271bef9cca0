// The registry of finding codes outside the policies (policies describe themselves beside their code in
// policies/). Every code kcfg can emit is a key here or `policy/<id>`; test/codes/registry.test.ts holds the
// registry, the doc pages in docs/codes/ and the codes the checks emit together.

import type { Severity } from '../core/diagnostic.js';
import { API_CODES } from './api.js';
import type { Args, CodeDef } from './define.js';
import { FILE_CODES } from './files.js';
import { FORMAT_CODES } from './format.js';
import { GOVERNANCE_CODES } from './governance.js';
import { SCHEMA_CODES } from './schema.js';
import { SEMANTIC_CODES } from './semantic.js';

export const CODES = {
  ...SCHEMA_CODES,
  ...FORMAT_CODES,
  ...SEMANTIC_CODES,
  ...API_CODES,
  ...FILE_CODES,
  ...GOVERNANCE_CODES,
};

export type CodeId = keyof typeof CODES;
export type ArgsOf<C extends CodeId> = (typeof CODES)[C] extends CodeDef<infer A> ? A : never;
export type { Args, CodeDef };

/** A finding's words and data, before it is attached to a resource or a line. */
export interface Problem {
  code: CodeId;
  severity: Severity;
  message: string;
  hint?: string;
  args: Args;
  /** The code's doc page. */
  docs: string;
}

// Doc paths built once: a large input yields thousands of findings.
const DOCS = new Map<string, string>();

/** The finding `code` with `args`, worded by the registry. `severity` overrides the code's default for this one. */
export function problem<C extends CodeId>(code: C, args: ArgsOf<C>, severity?: Severity): Problem {
  const def = CODES[code] as unknown as CodeDef<ArgsOf<C>>;
  let docs = DOCS.get(code);
  if (docs === undefined) DOCS.set(code, (docs = codeDocs(code)));
  const p: Problem = { code, severity: severity ?? def.severity, message: def.message(args), args, docs };
  const hint = def.hint?.(args);
  if (hint !== undefined) p.hint = hint;
  return p;
}

export function isCode(code: string): code is CodeId {
  return Object.prototype.hasOwnProperty.call(CODES, code);
}

/** Repository-relative doc page of a registry code: `docs/codes/schema/unknown-field.md`. */
export function codeDocs(code: CodeId): string {
  return `docs/codes/${code}.md`;
}

/** What reporters and `kcfg codes` show about a code, whether it is a registry code or a policy. */
export interface CodeInfo {
  id: string;
  title: string;
  defaultSeverity: Severity;
  /** Why it exists. */
  description: string;
  remediation: string;
  /** Repository-relative doc page. */
  docs: string;
}

export function codeInfo(code: CodeId): CodeInfo {
  const def: CodeDef<never> = CODES[code];
  return {
    id: code,
    title: def.title,
    defaultSeverity: def.severity,
    description: def.why,
    remediation: def.fix,
    docs: codeDocs(code),
  };
}
