// `kcfg merge a.json b.json …`: combine the JSON (or SARIF) results of sharded check runs into one report.

import { resolve } from 'node:path';
import { UsageError } from '../../core/errors.js';
import { mergeResults, readResultFile } from '../../workflow/index.js';
import { parse, str } from '../args.js';
import { exitCodeFor } from '../exit.js';
import { emit, outputTargets, reportOptions } from '../output.js';

export async function mergeCommand(argv: string[]): Promise<number> {
  const p = parse(argv, {});
  const targets = outputTargets(p);
  if (p.positionals.length === 0)
    throw new UsageError(
      'kcfg merge needs at least one result file',
      'kcfg merge shard-1.json shard-2.json --format sarif --output kcfg.sarif',
    );
  // Files are relative to where kcfg runs, like --output; -C names the repository (for code frames).
  const cwd = process.cwd();
  const root = resolve(str(p, 'cwd') ?? cwd);
  const started = performance.now();
  const merged = mergeResults(p.positionals.map((f) => readResultFile(resolve(cwd, f), f)));
  const result = { ...merged, durationMs: Math.max(merged.durationMs, performance.now() - started) };
  const options = reportOptions(p, root, new Map());
  await emit(result, targets, options, cwd);
  return exitCodeFor(result.diagnostics);
}
