// `kcfg policies`: every policy with its severity in each configured environment.

import {
  GENERIC_TEMPLATE_POINTERS,
  listPolicies,
  loadPolicyConfig,
  podKindRows,
  type PodKindRow,
  type PolicyRow,
} from '../../policy/index.js';
import type { Config } from '../../config/types.js';
import { UsageError } from '../../core/errors.js';
import { renderEnvironments, RENDER_FAILED } from '../../render/index.js';
import { resolveTargets } from '../../workspace/index.js';
import { bool, list, parse, type Parsed } from '../args.js';
import { loadContext } from '../context.js';

export async function policiesCommand(argv: string[]): Promise<number> {
  const p = parse(argv, { kinds: { type: 'boolean' } });
  const format = list(p, 'format')[0] ?? 'text';
  if (format !== 'text' && format !== 'json')
    throw new UsageError(`kcfg policies supports --format text or json, not '${format}'`);
  const config = loadContext(p);
  if (bool(p, 'kinds')) return kinds(p, config, format);
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
  return alignColumns([
    ['policy', 'default', ...envs, 'title'],
    ...rows.map((r) => [
      r.id + (r.source === 'rule' ? ' (rule)' : ''),
      r.defaultSeverity,
      ...envs.map((e) => r.environments[e] ?? r.severity),
      r.title,
    ]),
  ]);
}

/** Rows of cells as text columns, the last column unpadded. */
function alignColumns(rows: string[][]): string {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((row) => row[i].length)));
  const line = (cells: string[]): string =>
    cells
      .map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i])))
      .join('  ')
      .trimEnd();
  return rows.map(line).join('\n') + '\n';
}

/** `--kinds`: the kinds whose pods the policies read, and, from the rendered environments, any that run containers unread. */
async function kinds(p: Parsed, config: Config, format: 'text' | 'json'): Promise<number> {
  const rendered = await renderEnvironments(config, resolveTargets(config, p.positionals), {
    cache: !bool(p, 'no-cache'),
  });
  for (const r of rendered)
    if (r.findings.some((f) => f.code === RENDER_FAILED))
      process.stderr.write(`kcfg: ${r.env.name} did not render; its kinds are not listed\n`);
  const rows = podKindRows(rendered.flatMap((r) => r.resources));
  if (format === 'json') {
    process.stdout.write(JSON.stringify({ kinds: rows, genericTemplates: GENERIC_TEMPLATE_POINTERS }, null, 2) + '\n');
  } else {
    process.stdout.write(kindTable(rows));
    process.stdout.write(
      `\nOther custom kinds are read when their pod spec sits at ${GENERIC_TEMPLATE_POINTERS.join(' or ')} with a containers list.\n`,
    );
  }
  return rows.some((r) => r.status === 'unread' || r.status === 'missing') ? 1 : 0;
}

const STATUS: Record<PodKindRow['status'], string> = {
  known: 'read',
  found: 'read (generic template)',
  unread: 'NOT READ: containers outside a pod template',
  missing: 'NOT READ: no pod template',
};

function kindTable(rows: PodKindRow[]): string {
  return alignColumns([
    ['kind', 'pods at', 'rendered', 'policies'],
    ...rows.map((r) => [r.kind, r.pointer, String(r.count), STATUS[r.status]]),
  ]);
}
