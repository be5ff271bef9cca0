import { runCheck, type CheckStages } from '../../check/run.js';
import { resolveTargets } from '../../workspace/index.js';
import { bool, parse, type Parsed } from '../args.js';
import { loadContext, renderedFiles } from '../context.js';
import { exitCodeFor } from '../exit.js';
import { emit, outputTargets, reportOptions } from '../output.js';

async function run(command: string, stages: CheckStages, argv: string[]): Promise<number> {
  const p: Parsed = parse(argv, {});
  const targets = outputTargets(p);
  const config = loadContext(p);
  const envs = resolveTargets(config, p.positionals);
  const { result, rendered } = await runCheck(command, config, envs, stages, { cache: !bool(p, 'no-cache') });
  emit(result, targets, reportOptions(p, config.root, renderedFiles(rendered)), process.cwd());
  return exitCodeFor(result.diagnostics);
}

export const checkCommand = (argv: string[]): Promise<number> => run('check', { validate: true, policies: true }, argv);
export const policyCommand = (argv: string[]): Promise<number> => run('policy', { validate: false, policies: true }, argv);
