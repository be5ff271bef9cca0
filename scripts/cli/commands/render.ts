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
  if (bool(p, 'check') && !str(p, 'out')) throw new UsageError('--check needs --out DIR', 'kcfg render --out rendered --check');
  const config = loadContext(p);
  const envs = resolveTargets(config, p.positionals);
  const rendered = await renderEnvironments(config, envs, { cache: !bool(p, 'no-cache') });
  let failed = false;
  for (const r of rendered) {
    for (const f of r.findings.filter((x) => x.code === RENDER_FAILED)) {
      failed = true;
      process.stderr.write(formatError(new KcfgError(`${r.env.name}: ${f.message}`, EXIT.findings, f.source, f.hint)) + '\n');
    }
  }
  const out = str(p, 'out');
  if (!out) {
    const many = rendered.length > 1;
    for (const r of rendered) {
      if (r.findings.some((x) => x.code === RENDER_FAILED)) continue;
      if (many) process.stdout.write(`# kcfg render: ${r.env.name} (${r.env.dir}), ${r.engine.command} ${r.engine.version}\n`);
      process.stdout.write(r.output);
      if (many && !r.output.endsWith('---\n')) process.stdout.write('---\n');
    }
    return failed ? EXIT.findings : EXIT.ok;
  }
  const dir = resolve(process.cwd(), out);
  const ok = rendered.filter((r) => !r.findings.some((x) => x.code === RENDER_FAILED));
  let outcome: ReturnType<typeof writeRenderOutput>;
  try {
    outcome = writeRenderOutput(ok, dir, { check: bool(p, 'check') });
  } catch (e) {
    throw new KcfgError(`cannot write to ${out}: ${fsReason(e)}`, EXIT.error, undefined, 'choose another --out directory');
  }
  const { written, stale } = outcome;
  if (bool(p, 'check')) {
    for (const f of stale) process.stderr.write(`kcfg: ${f} is stale\n`);
    if (stale.length > 0) process.stderr.write(`  hint: run \`kcfg render --out ${out}\` and commit the result\n`);
    return failed || stale.length > 0 ? EXIT.findings : EXIT.ok;
  }
  if (!bool(p, 'quiet')) for (const f of written) process.stderr.write(`wrote ${f}\n`);
  return failed ? EXIT.findings : EXIT.ok;
}
