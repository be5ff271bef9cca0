// Progress for long runs, on standard error: a line that redraws itself on a terminal; plain lines under
// --verbose elsewhere; nothing in CI or pipes otherwise, so logs and machine output stay clean.

export interface Progress {
  update(done: number, total: number, what: string): void;
  done(): void;
}

export const SILENT: Progress = { update() {}, done() {} };

/** Below this many environments a run is short enough that progress is noise. */
export const PROGRESS_MIN_ENVIRONMENTS = 8;

export interface ProgressChoice {
  stream: { isTTY?: boolean; write(s: string): unknown; columns?: number };
  env: NodeJS.ProcessEnv;
  verbose: boolean;
  quiet: boolean;
  environments: number;
}

export function createProgress(c: ProgressChoice): Progress {
  if (c.quiet) return SILENT;
  const ci = !!c.env['CI'] && c.env['CI'] !== 'false';
  const live = !!c.stream.isTTY && !ci;
  if (live && c.environments >= PROGRESS_MIN_ENVIRONMENTS) return liveProgress(c.stream);
  if (c.verbose) return lineProgress(c.stream);
  return SILENT;
}

function liveProgress(stream: ProgressChoice['stream']): Progress {
  let shown = false;
  return {
    update(done, total, what) {
      const width = Math.max(20, (stream.columns ?? 80) - 1);
      const line = `kcfg: ${done}/${total} environments ${what}`.slice(0, width);
      stream.write(`\r\u001b[2K${line}`);
      shown = true;
    },
    done() {
      if (shown) stream.write('\r\u001b[2K');
      shown = false;
    },
  };
}

function lineProgress(stream: ProgressChoice['stream']): Progress {
  return {
    update(done, total, what) {
      stream.write(`kcfg: ${done}/${total} environments ${what}\n`);
    },
    done() {},
  };
}
