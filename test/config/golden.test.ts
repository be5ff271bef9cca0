// The rendered environments, committed so a reviewer sees what a change does. `npm run golden` rewrites them.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeFileAtomic } from '../../scripts/core/fs.js';
import { ENVIRONMENTS, REPO_ROOT, renderOverlay } from './render.js';

const UPDATE = process.env['KCFG_UPDATE_GOLDEN'] === '1';

function goldenPath(env: string): string {
  return join(REPO_ROOT, 'test', 'golden', `${env}.yaml`);
}

function readGolden(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

/** The first differing line, so a failure says where to look rather than dumping two whole streams. */
function firstDifference(expected: string, actual: string): string {
  const a = expected.split('\n');
  const b = actual.split('\n');
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    if (a[i] !== b[i])
      return `line ${i + 1}: golden ${JSON.stringify(a[i] ?? '<end>')}, render ${JSON.stringify(b[i] ?? '<end>')}`;
  }
  return 'identical';
}

describe.each(ENVIRONMENTS)('golden render of overlays/%s', (env) => {
  it(UPDATE ? 'is rewritten' : 'matches test/golden', () => {
    const actual = renderOverlay(env);
    const path = goldenPath(env);
    if (UPDATE) {
      writeFileAtomic(path, actual);
      expect(readGolden(path)).toBe(actual);
      return;
    }
    const golden = readGolden(path);
    expect(golden, `test/golden/${env}.yaml is missing; run \`npm run golden\``).toBeDefined();
    if (golden !== actual) {
      expect.fail(
        `overlays/${env} renders differently from test/golden/${env}.yaml (${firstDifference(golden!, actual)}); review the change and run \`npm run golden\``,
      );
    }
  });
});
