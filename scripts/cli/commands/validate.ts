// `kcfg validate`: environments and directories render first; files and stdin are validated as they are
// (a kubeconform replacement). Both kinds of target may be mixed in one run.

import type { LineSource } from '../../resources/excerpt-lines.js';
import { validateInput } from '../../check/stream-input.js';
import { emptyResult, type CheckResult } from '../../check/result.js';
import { runCheck } from '../../check/run.js';
import { cacheDirFor } from '../../config/index.js';
import type { Config } from '../../config/types.js';
import { mergeDiagnostics, type Diagnostic } from '../../core/diagnostic.js';
import { resolveTargets } from '../../workspace/index.js';
import { hasConfigFile } from '../../workspace/roots.js';
import { fileLocator, toDiagnostic } from '../../check/locate.js';
import { loadUserCrds, NO_USER_CRDS } from '../../validate/index.js';
import { bool, parse, str } from '../args.js';
import { argsDir, loadContext, renderedFiles, rootDir, splitInputs } from '../context.js';
import { exitCodeFor } from '../exit.js';
import { emit, outputTargets, reportOptions } from '../output.js';

/** Reports that print code frames; for them a streamed input keeps the lines around its findings. */
const SHOWS_FRAMES = new Set(['text', 'html']);

export async function validateCommand(argv: string[]): Promise<number> {
  const p = parse(argv, {
    'kubernetes-version': { type: 'string' },
    'allow-unknown-kinds': { type: 'string', multiple: true },
  });
  const targets = outputTargets(p);
  const cwd = argsDir(p);
  const { files, dirs } = splitInputs(p.positionals, cwd);
  // Files alone need no configuration, but a kcfg.yaml here still brings its CRDs and settings.
  const config: Config | undefined =
    dirs.length > 0 || files.length === 0 || hasConfigFile(rootDir(p)) ? loadContext(p) : undefined;
  const userCrds = config && files.length > 0 ? loadUserCrds(config.root, config.schemas.crds) : NO_USER_CRDS;
  const started = performance.now();

  const diagnostics: Diagnostic[] = [];
  let result: CheckResult = emptyResult('validate');
  let virtual = new Map<string, string>();
  if (config && (dirs.length > 0 || files.length === 0)) {
    const envs = resolveTargets(config, dirs);
    const run = await runCheck(
      'validate',
      config,
      envs,
      { validate: true, policies: false },
      { cache: !bool(p, 'no-cache') },
    );
    result = run.result;
    diagnostics.push(...run.result.diagnostics);
    virtual = renderedFiles(run.rendered);
  }
  const version = str(p, 'kubernetes-version') ?? config?.schemas.kubernetesVersion ?? '1.32';
  const allow = [
    ...(config?.schemas.allowUnknownKinds ?? []),
    ...((p.values['allow-unknown-kinds'] as string[] | undefined) ?? []),
  ];
  const skipped = new Set(result.skippedRules);
  for (const f of userCrds.findings) diagnostics.push(toDiagnostic(f, config?.file ?? 'kcfg.yaml', fileLocator));
  const excerpts = new Map<string, LineSource>();
  for (const arg of files) {
    const input = await validateInput(cwd, arg, {
      kubernetesVersion: version,
      allowUnknownKinds: allow,
      cacheDir: config?.cacheDir ?? cacheDirFor(rootDir(p)),
      excerpts: targets.some((t) => SHOWS_FRAMES.has(t.format)),
      crds: userCrds.resources,
    });
    for (const s of input.skippedRules) skipped.add(s);
    for (const d of input.diagnostics) diagnostics.push(d);
    excerpts.set(input.file, input.lines);
    result.environments.push({
      name: input.file,
      dir: '',
      kubernetesVersion: version,
      resources: input.resources,
      cached: false,
    });
  }
  result = {
    ...result,
    diagnostics: mergeDiagnostics(diagnostics),
    skippedRules: [...skipped].sort(),
    durationMs: performance.now() - started,
  };
  await emit(result, targets, { ...reportOptions(p, config?.root ?? cwd, virtual, config), excerpts }, cwd);
  return exitCodeFor(result.diagnostics);
}
