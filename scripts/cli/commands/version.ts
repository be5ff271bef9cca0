import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export async function versionCommand(): Promise<number> {
  const pkg = JSON.parse(readFileSync(fileURLToPath(new URL('../../../../package.json', import.meta.url)), 'utf8')) as { version: string };
  process.stdout.write(`kcfg ${pkg.version}\n`);
  return 0;
}
