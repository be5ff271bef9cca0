// `kcfg init`: write kcfg.yaml from what discovery finds, without asking. The file is a starting point a person
// edits: every environment with its conventional name, the engine version this machine has, pinned.

import { existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { loadConfig } from '../../config/index.js';
import { DEFAULTS } from '../../config/raw.js';
import { UsageError } from '../../core/errors.js';
import { detectEngine } from '../../render/index.js';
import { schemasDir } from '../../schemas/location.js';
import { CONFIG_FILES } from '../../workspace/roots.js';
import { toPosix } from '../../workspace/paths.js';
import { bool, parse } from '../args.js';
import { rootDir } from '../context.js';
import { writeReport } from '../output.js';

export async function initCommand(argv: string[]): Promise<number> {
  const p = parse(argv, { force: { type: 'boolean' } });
  const root = rootDir(p);
  const existing = CONFIG_FILES.find((f) => existsSync(join(root, f)));
  if (existing && !bool(p, 'force'))
    throw new UsageError(`${join(root, existing)} already exists`, 'edit it, or pass --force to replace it');
  // Discovery as a run without kcfg.yaml sees it; an existing file is ignored so --force starts afresh.
  const config = loadConfig(root, process.env, { ignoreFile: true });
  const envs = config.environments;
  if (envs.length === 0)
    throw new UsageError(
      `no kustomization found in ${root}`,
      'run kcfg init at the root of a repository with kustomization.yaml files',
    );
  let version: string | undefined;
  try {
    version = (await detectEngine(config)).version;
  } catch {
    // No engine on this machine: the file is still useful; `kcfg check` will say what is missing.
  }
  const text = configText(root, envs, version);
  const file = join(root, existing ?? CONFIG_FILES[0]);
  writeReport(file, text);
  process.stdout.write(
    `kcfg: wrote ${file} with ${envs.length} environment${envs.length === 1 ? '' : 's'}: ${envs.map((e) => e.name).join(', ')}\n`,
  );
  return 0;
}

function configText(root: string, envs: readonly { name: string; dir: string }[], version: string | undefined): string {
  const lines: string[] = [];
  const schema = join(schemasDir(), 'kcfg-config.schema.json');
  const rel = toPosix(relative(root, schema));
  // Point editors at the installed schema only when it lives inside the repository (node_modules).
  if (!rel.startsWith('..')) lines.push(`$schema: ./${rel}`);
  lines.push('# Environments kcfg renders and checks; `kcfg check` with no arguments covers all of them.');
  lines.push('environments:');
  for (const e of envs) {
    lines.push(`  - name: ${e.name}`, `    path: ${quote(e.dir)}`);
  }
  lines.push('engine:', `  command: ${DEFAULTS.engineCommand}`);
  if (version) lines.push(`  version: ${version}`);
  lines.push('schemas:', `  kubernetesVersion: "${DEFAULTS.kubernetesVersion}"`, '');
  return lines.join('\n');
}

/** Paths are plain scalars unless YAML would read them as something else. */
function quote(s: string): string {
  return /^[A-Za-z0-9_./-]+$/.test(s) && s !== '.' ? s : JSON.stringify(s);
}
