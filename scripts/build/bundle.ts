// `npm run build`, second step: bundle the compiled CLI (dist/scripts/cli/main.js) into dist/cli/, one
// module per command plus shared chunks. Node resolves and links ~200 small ESM files in ~60 ms; the bundle
// cuts that out of every run. Packages stay external (ajv's cached validators require its runtime by name),
// and the output replaces dist/cli/ in one rename, so a failed build never leaves half a CLI behind.

import { existsSync, renameSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const OUT = join(ROOT, 'dist/cli');
const TMP = join(ROOT, `dist/.cli-${process.pid}`);

async function main(): Promise<void> {
  rmSync(TMP, { recursive: true, force: true });
  try {
    await build({
      entryPoints: [join(ROOT, 'dist/scripts/cli/main.js')],
      outdir: TMP,
      bundle: true,
      splitting: true,
      format: 'esm',
      platform: 'node',
      target: 'node20',
      packages: 'external',
      entryNames: '[name]',
      chunkNames: 'chunks/[name]-[hash]',
      logLevel: 'warning',
    });
    const old = `${OUT}.old-${process.pid}`;
    if (existsSync(OUT)) renameSync(OUT, old);
    renameSync(TMP, OUT);
    rmSync(old, { recursive: true, force: true });
  } finally {
    rmSync(TMP, { recursive: true, force: true });
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`bundle failed: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exitCode = 1;
});
