// `npm run build`, second step: bundle the compiled CLI (dist/scripts/cli/main.js) into dist/cli/, one
// module per command plus shared chunks. Node resolves and links ~200 small ESM files in ~60 ms; the bundle
// cuts that out of every run. Packages stay external (ajv's cached validators require its runtime by name) but for a few tiny ones,
// and the output replaces dist/cli/ in one rename, so a failed build never leaves half a CLI behind.

import { existsSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const OUT = join(ROOT, 'dist/cli');
const TMP = join(ROOT, `dist/.cli-${process.pid}`);
// Tiny packages compiled into the bundle: resolving and loading them as separate CommonJS modules costs
// ~8 ms per process (picocolors), parsing them inline well under 1 ms.
const INLINE = new Set(['picocolors']);

function externalPackages(): string[] {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
    dependencies?: Record<string, string>;
  };
  return Object.keys(pkg.dependencies ?? {})
    .filter((name) => !INLINE.has(name))
    .flatMap((name) => [name, `${name}/*`]);
}

async function main(): Promise<void> {
  rmSync(TMP, { recursive: true, force: true });
  try {
    await build({
      // The worker thread that checks batches of large inputs (check/input-pool.ts finds it beside chunks/).
      entryPoints: [join(ROOT, 'dist/scripts/cli/main.js'), join(ROOT, 'dist/scripts/check/input-worker.js')],
      outdir: TMP,
      bundle: true,
      splitting: true,
      format: 'esm',
      platform: 'node',
      target: 'node20',
      external: externalPackages(),
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
