import type { Diagnostic } from '../core/diagnostic.js';
import type { EngineInfo } from '../core/rendered.js';

export interface EnvironmentSummary {
  name: string;
  dir: string;
  kubernetesVersion: string;
  resources: number;
  cached: boolean;
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
}
