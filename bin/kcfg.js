#!/usr/bin/env node
// Thin launcher: the CLI is bundled into dist/cli/ by `npm run build` (tsc, then scripts/build/bundle.ts).
// A checkout that was never built gets one line saying so, not a module-resolution stack trace.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const entry = new URL('../dist/cli/main.js', import.meta.url);
if (!existsSync(entry)) {
  const root = fileURLToPath(new URL('..', import.meta.url));
  process.stderr.write(`kcfg: the CLI is not built (dist/cli/main.js is missing); run \`npm run build\` in ${root}\n`);
  process.exit(2);
}
// A reader that stops early (`kcfg help | head`) closes the pipe. The rest of the output has nowhere to go;
// kcfg still finishes with its own exit code (findings are still exit 1), not an unhandled EPIPE stack trace.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (e) => {
    if (e.code === 'EPIPE' || e.code === 'ERR_STREAM_DESTROYED') return;
    throw e;
  });
}
const { main } = await import(entry.href);
process.exitCode = await main(process.argv.slice(2));
