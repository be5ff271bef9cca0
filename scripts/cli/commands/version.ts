import { packageVersion } from '../../core/package-root.js';

export async function versionCommand(): Promise<number> {
  process.stdout.write(`kcfg ${packageVersion()}\n`);
  return 0;
}
