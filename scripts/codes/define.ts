// What every finding code declares: its default severity, the words of its message, and the text of its doc
// page. Checks emit a code and arguments (`problem()`); the wording lives here, in one place.

import type { Args, Severity } from '../core/diagnostic.js';

export type { Args };

export interface CodeDef<A extends Args = Args> {
  severity: Severity;
  /** A few words, for headings (`kcfg codes`, SARIF rule names, doc page titles). */
  title: string;
  /** Why the code exists: what goes wrong in the cluster or the repository when it is ignored. */
  why: string;
  /** How to fix a finding, in general terms (the finding's hint says it for the case at hand). */
  fix: string;
  /** True when no configuration may change the severity. */
  fixedSeverity?: boolean;
  message(args: A): string;
  hint?(args: A): string | undefined;
}

/** Declares one code; the type parameter names the arguments its message takes. */
export function define<A extends Args>(def: CodeDef<A>): CodeDef<A> {
  return def;
}

/** `"value"` as it appears in messages. */
export const q = (v: unknown): string => JSON.stringify(v);
