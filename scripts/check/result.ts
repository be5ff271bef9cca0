import type { Diagnostic, ResourceId } from '../core/diagnostic.js';
import type { EngineInfo } from '../core/rendered.js';
import type { DiffSection } from '../diff/types.js';

export interface EnvironmentSummary {
  name: string;
  dir: string;
  kubernetesVersion: string;
  resources: number;
  cached: boolean;
  /** Identities of the rendered resources, for reporters that list every resource (JUnit); not serialised to JSON. */
  resourceIds?: ResourceId[];
}

export interface StageTimings {
  render: number;
  validate: number;
  policies: number;
}

/** Everything a check-like command produced; the one input every reporter renders. */
export interface CheckResult {
  /** Which command produced it: `check`, `validate` or `policy`. */
  command: string;
  engine?: EngineInfo;
  environments: EnvironmentSummary[];
  diagnostics: Diagnostic[];
  /** Findings silenced by exemptions or the baseline. */
  suppressed: number;
  /** CEL rules that could not be evaluated offline (they need `oldSelf`). */
  skippedRules: string[];
  durationMs: number;
  /** Wall time per stage, module loading included (`--verbose` prints it; not serialised to JSON). */
  stageMs?: StageTimings;
  /** Environment diffs for reports that show them (HTML); filled by `kcfg check --diff A,B`. */
  diffs?: DiffSection[];
}

/** A result with nothing checked yet, for commands that add their inputs to it. */
export function emptyResult(command: string): CheckResult {
  return { command, environments: [], diagnostics: [], suppressed: 0, skippedRules: [], durationMs: 0 };
}
