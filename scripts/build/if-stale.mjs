// `npm run check` and friends: rebuild only when a source is newer than the bundled CLI, so an unchanged tree
// goes straight to kcfg (tsc alone takes 5-30 s). Plain JavaScript: it must run before any build exists.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const built = join(root, 'dist/cli/main.js');

function newest(dir) {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) t = Math.max(t, newest(p));
    else if (e.name.endsWith('.ts')) t = Math.max(t, statSync(p).mtimeMs);
  }
  return t;
}

const inputs = Math.max(
  newest(join(root, 'scripts')),
  newest(join(root, 'policies')),
  ...['tsconfig.json', 'package.json'].map((f) => statSync(join(root, f)).mtimeMs),
);
if (!existsSync(built) || statSync(built).mtimeMs < inputs) {
  const r = spawnSync('npm', ['run', 'build', '--silent'], { cwd: root, stdio: 'inherit' });
  process.exit(r.status ?? 1);
}
