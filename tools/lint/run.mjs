// `npm run lint` (`npm run format` with --fix): Prettier, ESLint with the stage-boundary rules, a type check of
// the tests, knip. The tools come from tools/lint/node_modules, installed on first use with `npm ci` from this
// folder's lockfile (CI does the same), so installing kcfg itself never fetches them.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '../..');
const bin = (name) => join(here, 'node_modules/.bin', name);
const fix = process.argv.includes('--fix');

function run(command, args, cwd = root) {
  const r = spawnSync(command, args, { cwd, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

if (!existsSync(bin('eslint'))) run('npm', ['ci', '--no-audit', '--no-fund', '--loglevel=error'], here);
if (fix) {
  run(bin('prettier'), ['--write', '--log-level=warn', '.']);
  run(bin('eslint'), ['--fix', '.']);
} else {
  run(bin('prettier'), ['--check', '--log-level=warn', '.']);
  run(bin('eslint'), ['.']);
  run(join(root, 'node_modules/.bin/tsc'), ['-p', 'tsconfig.test.json']);
  run(bin('knip'), []);
}
