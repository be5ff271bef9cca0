// `kcfg policies`: every policy with its severity in each configured environment.

import { listPolicies, loadPolicyConfig, type PolicyRow } from '../../policy/index.js';
import { UsageError } from '../../core/errors.js';
import { list, parse } from '../args.js';
import { loadContext } from '../context.js';

export async function policiesCommand(argv: string[]): Promise<number> {
  const p = parse(argv, {});
  const format = list(p, 'format')[0] ?? 'text';
  if (format !== 'text' && format !== 'json')
    throw new UsageError(`kcfg policies supports --format text or json, not '${format}'`);
  const config = loadContext(p);
  const envs = p.positionals.length > 0 ? p.positionals : config.environments.map((e) => e.name);
  const rows = listPolicies(
    loadPolicyConfig(config.root, {
      registry: (await import('../../../policies/index.js')).POLICY_LIST,
      environments: config.environments.map((e) => e.name),
      cacheDir: config.cacheDir,
    }),
    envs,
  );
  process.stdout.write(format === 'json' ? JSON.stringify(rows, null, 2) + '\n' : table(rows, envs));
  return 0;
}

function table(rows: PolicyRow[], envs: string[]): string {
  const header = ['policy', 'default', ...envs, 'title'];
  const body = rows.map((r) => [
    r.id + (r.source === 'rule' ? ' (rule)' : ''),
    r.defaultSeverity,
    ...envs.map((e) => r.environments[e] ?? r.severity),
    r.title,
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((row) => row[i].length)));
  const line = (cells: string[]): string =>
    cells
      .map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i])))
      .join('  ')
      .trimEnd();
  return [line(header), ...body.map(line)].join('\n') + '\n';
}
