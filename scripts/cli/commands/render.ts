// `kcfg render`: print the rendered environments (build annotations stripped, Secret values redacted), or
// write one file per environment with --out, or verify such files with --check.

import { resolve } from 'node:path';
import { formatError, EXIT, KcfgError, UsageError } from '../../core/errors.js';
import { renderEnvironments, writeRenderOutput, RENDER_FAILED } from '../../render/index.js';
import { resolveTargets } from '../../workspace/index.js';
import { bool, parse, str } from '../args.js';
import { loadContext } from '../context.js';
import { fsReason } from '../output.js';

export async function renderCommand(argv: string[]): Promise<number> {
  const p = parse(argv, { out: { type: 'string' }, check: { type: 'boolean' } });
  if (bool(p, 'check') && !str(p, 'out'))
    throw new UsageError('--check needs --out DIR', 'kcfg render --out rendered --check');
  const config = loadContext(p);
  const envs = resolveTargets(config, p.positionals);
  const rendered = await renderEnvironments(config, envs, { cache: !bool(p, 'no-cache') });
  // A render that failed, or whose output has objects that are not Kubernetes objects, is not printed or
  // written in part: its errors go to stderr with their file and line, and the exit code is 2.
  let failed = false;
  const broken = new Set<string>();
  for (const r of rendered) {
    // Silent no-ops are findings about the configuration (kcfg check reports them), not a broken render.
    for (const f of r.findings.filter(
      (x) => x.code === RENDER_FAILED || (x.severity === 'error' && !x.code.startsWith('kustomization/')),
    )) {
      failed = true;
      broken.add(r.env.name);
      process.stderr.write(
        formatError(new KcfgError(`${r.env.name}: ${f.message}`, EXIT.error, f.source, f.hint)) + '\n',
      );
    }
  }
  const out = str(p, 'out');
  if (!out) {
    const many = rendered.length > 1;
    for (const r of rendered) {
      if (broken.has(r.env.name)) continue;
      if (many)
        process.stdout.write(`# kcfg render: ${r.env.name} (${r.env.dir}), ${r.engine.command} ${r.engine.version}\n`);
      process.stdout.write(r.output);
      if (many && !r.output.endsWith('---\n')) process.stdout.write('---\n');
    }
    return failed ? EXIT.error : EXIT.ok;
  }
  const dir = resolve(process.cwd(), out);
  const ok = rendered.filter((r) => !broken.has(r.env.name));
  let outcome: ReturnType<typeof writeRenderOutput>;
  try {
    outcome = writeRenderOutput(ok, dir, { check: bool(p, 'check') });
  } catch (e) {
    throw new KcfgError(
      `cannot write to ${out}: ${fsReason(e)}`,
      EXIT.error,
      undefined,
      'choose another --out directory',
    );
  }
  const { written, stale } = outcome;
  if (bool(p, 'check')) {
    for (const f of stale) process.stderr.write(`kcfg: ${f} is stale\n`);
    if (stale.length > 0) process.stderr.write(`  hint: run \`kcfg render --out ${out}\` and commit the result\n`);
    return failed ? EXIT.error : stale.length > 0 ? EXIT.findings : EXIT.ok;
  }
  if (!bool(p, 'quiet')) for (const f of written) process.stderr.write(`wrote ${f}\n`);
  return failed ? EXIT.error : EXIT.ok;
}
