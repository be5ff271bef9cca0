import type { LineSource } from '../resources/excerpt-lines.js';
import type { CheckResult } from '../check/result.js';
import type { CodeInfo } from '../codes/index.js';

export interface ReportOptions {
  /** Repository root, to read source lines for code frames. */
  root: string;
  color: boolean;
  quiet: boolean;
  verbose: boolean;
  /** Virtual files (e.g. `<rendered:staging>`) a frame may show. */
  virtualFiles: ReadonlyMap<string, string>;
  /**
   * Lines of inputs that were streamed rather than kept (`kcfg validate FILE|-`): file → line → text, only
   * those around findings. A frame shows what is here instead of reading the file.
   */
  excerpts?: ReadonlyMap<string, LineSource>;
  /** The git top level: when set, `emit` rebases paths from `root` onto it before any reporter runs. */
  repoRoot?: string;
  /** Base URL of kcfg's documentation, for links (see docs-url.ts). */
  docsBase?: string;
  /** What each finding code means (check/catalog.ts), for reporters that describe rules (SARIF, HTML). */
  catalog?: ReadonlyMap<string, CodeInfo>;
}

export type Reporter = (result: CheckResult, options: ReportOptions) => string;
