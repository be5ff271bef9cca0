// `kcfg diff A B [--parity]` and `kcfg diff --base REF [env]...`.

import { dirname, resolve } from 'node:path';
import { toDiagnostic } from '../../check/locate.js';
import type { CheckResult } from '../../check/result.js';
import type { Config } from '../../config/types.js';
import { mergeDiagnostics } from '../../core/diagnostic.js';
import { EXIT, KcfgError, UsageError } from '../../core/errors.js';
import type { RenderedEnvironment } from '../../core/rendered.js';
import {
  diffEnvironments,
  diffRefs,
  envDiffSection,
  loadMergeKeys,
  loadParityConfig,
  parityFindings,
  sectionsDiffer,
  type DiffOptions,
  type DiffSection,
} from '../../diff/index.js';
import { RENDER_FAILED, renderEnvironments } from '../../render/index.js';
import { formatJson } from '../../report/diff-json.js';
import { formatMarkdown } from '../../report/diff-markdown.js';
import { formatText } from '../../report/diff-text.js';
import { schemasDir } from '../../schemas/location.js';
import { resolveTargets } from '../../workspace/index.js';
import { bool, list, parse, str } from '../args.js';
import { loadContext, renderedFiles } from '../context.js';
import { exitCodeFor } from '../exit.js';
import { emit, outputTargets, reportOptions, writeReport } from '../output.js';

const DIFF_FORMATS = ['text', 'json', 'markdown'];

export async function diffCommand(argv: string[]): Promise<number> {
  const p = parse(argv, {
    base: { type: 'string' },
    parity: { type: 'boolean' },
    ignore: { type: 'string', multiple: true },
    'exit-code': { type: 'boolean' },
  });
  const config = loadContext(p);
  const base = str(p, 'base');
  if (bool(p, 'parity')) {
    if (base) throw new UsageError('--parity compares two environments; it cannot be combined with --base');
    return parity(p, config);
  }
  const targets = outputTargets(p, DIFF_FORMATS);
  const opts = diffOptions(config, list(p, 'ignore'));
  let sections: DiffSection[];
  if (base) {
    sections = await diffRefs(config, base, resolveTargets(config, p.positionals), opts);
  } else {
    const [a, b] = twoEnvironments(config, p.positionals);
    const [ra, rb] = requireRendered(await renderEnvironments(config, [a, b], { cache: !bool(p, 'no-cache') }));
    sections = [envDiffSection(diffEnvironments(ra, rb, opts))];
  }
  const color = reportOptions(p, config.root, new Map()).color;
  for (const t of targets) {
    const text =
      t.format === 'json'
        ? formatJson(sections)
        : t.format === 'markdown'
          ? formatMarkdown(sections, {
              fullCommand: `kcfg diff ${argv.filter((x) => !x.startsWith('--format') && !x.startsWith('--output')).join(' ')}`,
            })
          : formatText(sections, { color: t.file ? false : color });
    if (t.file) writeReport(resolve(process.cwd(), t.file), text);
    else process.stdout.write(text);
  }
  return bool(p, 'exit-code') && sectionsDiffer(sections) ? EXIT.findings : EXIT.ok;
}

/** Parity differences are findings: they go through the same reporters and exit codes as `check`. */
async function parity(p: ReturnType<typeof parse>, config: Config): Promise<number> {
  const targets = outputTargets(p);
  const started = performance.now();
  const [a, b] = twoEnvironments(config, p.positionals);
  const rendered = requireRendered(await renderEnvironments(config, [a, b], { cache: !bool(p, 'no-cache') }));
  const [ra, rb] = rendered as [NonNullable<(typeof rendered)[0]>, NonNullable<(typeof rendered)[0]>];
  const diff = diffEnvironments(ra, rb, diffOptions(config, list(p, 'ignore')));
  const findings = parityFindings(diff, loadParityConfig(config.root));
  const label = `${a.name}↔${b.name}`;
  const diagnostics = findings.map((f) =>
    toDiagnostic(f, label, f.subject?.env === ra.env.name ? ra.locator : rb.locator),
  );
  const result: CheckResult = {
    command: 'diff --parity',
    engine: ra.engine,
    environments: rendered.map((r) => ({
      name: r.env.name,
      dir: r.env.dir,
      kubernetesVersion: r.env.kubernetesVersion,
      resources: r.resources.length,
      cached: r.cached,
    })),
    diagnostics: mergeDiagnostics(diagnostics),
    suppressed: 0,
    skippedRules: [],
    durationMs: performance.now() - started,
  };
  await emit(result, targets, reportOptions(p, config.root, renderedFiles(rendered), config), process.cwd());
  return exitCodeFor(result.diagnostics);
}

/** An environment that did not render has nothing to compare: that is exit 2 with its cause, never "no differences". */
function requireRendered(rendered: RenderedEnvironment[]): RenderedEnvironment[] {
  for (const r of rendered) {
    const failed = r.findings.find((f) => f.code === RENDER_FAILED);
    if (failed)
      throw new KcfgError(
        `${r.env.name} does not render, so nothing was compared: ${failed.message}`,
        EXIT.error,
        failed.source,
        failed.hint,
      );
  }
  return rendered;
}

function twoEnvironments(
  config: Config,
  args: string[],
): [ReturnType<typeof resolveTargets>[number], ReturnType<typeof resolveTargets>[number]] {
  if (args.length !== 2)
    throw new UsageError('diff needs two environments, or --base REF', 'kcfg diff staging production');
  const envs = resolveTargets(config, args);
  if (envs.length !== 2)
    throw new UsageError(
      'diff needs two different environments',
      'name two environments of kcfg.yaml, e.g. kcfg diff staging production',
    );
  return [envs[0], envs[1]];
}

function diffOptions(config: Config, ignore: string[]): DiffOptions {
  const version = config.environments[0]?.kubernetesVersion ?? config.schemas.kubernetesVersion;
  const mergeKeys = loadMergeKeys(dirname(schemasDir()), version);
  return {
    ignore: [...config.diff.ignore, ...ignore],
    sensitive: config.diff.sensitive,
    root: config.root,
    ...(mergeKeys ? { mergeKeys } : {}),
  };
}
