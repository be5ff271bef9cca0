import type { CheckResult } from '../check/result.js';

export interface ReportOptions {
  /** Repository root, to read source lines for code frames. */
  root: string;
  color: boolean;
  quiet: boolean;
  verbose: boolean;
  /** Virtual files (e.g. `<rendered:staging>`) a frame may show. */
  virtualFiles: ReadonlyMap<string, string>;
}

export type Reporter = (result: CheckResult, options: ReportOptions) => string;
