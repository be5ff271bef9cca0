// `npm run docs:codes`: one page per registry code under docs/codes/, written from scripts/codes (the wording
// lives there); test/codes/registry.test.ts fails when a page is missing or stale.

import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { codeDocs, CODES, type CodeDef, type CodeId } from '../codes/index.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

/** Repository-relative path → content of every generated page. */
export function codePages(): Map<string, string> {
  const pages = new Map<string, string>();
  const ids = (Object.keys(CODES) as CodeId[]).sort();
  for (const id of ids) pages.set(codeDocs(id), page(id, CODES[id]));
  pages.set('docs/codes/README.md', index(ids));
  return pages;
}

function page(id: string, def: CodeDef<never>): string {
  const severity = def.fixedSeverity
    ? 'Its severity cannot be changed: an environment that did not render was not checked, and kcfg exits 2.'
    : `Change its severity (or switch it off) in \`policies/config.yaml\`, for every environment or for some:

\`\`\`yaml
codes:
  ${id}: warning          # error | warning | info | off
environments:
  staging:
    codes:
      ${id}: off
\`\`\``;
  return `<!-- Generated from scripts/codes by \`npm run docs:codes\`; edit the registry, not this page. -->
# \`${id}\`: ${def.title}

Default severity: **${def.severity}**.

## Why

${def.why}

## How to fix

${def.fix}

## Severity

${severity}
`;
}

function index(ids: CodeId[]): string {
  const rows = ids.map((id) => `| [\`${id}\`](${id}.md) | ${CODES[id].severity} | ${CODES[id].title} |`);
  return `<!-- Generated from scripts/codes by \`npm run docs:codes\`; edit the registry, not this page. -->
# Finding codes

Every finding has a code. Policies are \`policy/<id>\` and documented in [../policies/](../policies/README.md);
the codes below come from schema validation, the API server's checks, the files themselves, and parity.
\`kcfg codes\` prints the same list. Each code's severity can be changed per environment under \`codes:\` in
\`policies/config.yaml\`.

| code | default | title |
|---|---|---|
${rows.join('\n')}
`;
}

function main(): void {
  const dir = join(ROOT, 'docs/codes');
  rmSync(dir, { recursive: true, force: true });
  for (const [file, text] of codePages()) {
    mkdirSync(dirname(join(ROOT, file)), { recursive: true });
    writeFileSync(join(ROOT, file), text);
  }
  process.stdout.write(`${readdirSync(dir).length} areas written to docs/codes/\n`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) main();
