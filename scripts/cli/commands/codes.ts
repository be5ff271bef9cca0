// `kcfg codes`: every finding code kcfg can emit, with its default severity, title and doc page.

import { loadCatalog, type CodeInfo } from '../../check/catalog.js';
import { UsageError } from '../../core/errors.js';
import { list, parse } from '../args.js';

export async function codesCommand(argv: string[]): Promise<number> {
  const p = parse(argv, {});
  const format = list(p, 'format')[0] ?? 'text';
  if (format !== 'text' && format !== 'json')
    throw new UsageError(`kcfg codes supports --format text or json, not '${format}'`);
  const catalog = [...(await loadCatalog()).values()];
  const prefixes = p.positionals;
  const rows = prefixes.length
    ? catalog.filter((c) => prefixes.some((x) => c.id === x || c.id.startsWith(x.endsWith('/') ? x : `${x}/`)))
    : catalog;
  if (prefixes.length && rows.length === 0)
    throw new UsageError(`no finding code matches ${prefixes.join(', ')}`, 'run `kcfg codes` for the list');
  rows.sort((a, b) => (a.id < b.id ? -1 : 1));
  process.stdout.write(format === 'json' ? JSON.stringify(rows, null, 2) + '\n' : table(rows));
  return 0;
}

function table(rows: CodeInfo[]): string {
  const width = Math.max(4, ...rows.map((r) => r.id.length));
  const lines = [`${'code'.padEnd(width)}  default  title`];
  for (const r of rows) lines.push(`${r.id.padEnd(width)}  ${r.defaultSeverity.padEnd(7)}  ${r.title}`);
  lines.push(
    '',
    'Each code has a page under docs/codes/ (policies: docs/policies/); set severities in policies/config.yaml.',
  );
  return lines.join('\n') + '\n';
}
