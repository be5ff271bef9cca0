// Inputs no parser should be handed: files above the size limit and YAML alias bombs. Kustomize has no
// such guard (a nine-level "billion laughs" file takes kubectl past 20 GB), so render checks its inputs too.

import { problem } from '../codes/index.js';
import { readFileSync } from 'node:fs';
import type { Finding } from '../core/resource.js';
import { aliasBomb } from './parse.js';

/** Inputs above this size are refused rather than risking the memory budget; override with KCFG_MAX_FILE_MB. */
export function maxInputBytes(env: NodeJS.ProcessEnv = process.env): number {
  const mb = Number(env['KCFG_MAX_FILE_MB'] ?? 32);
  return (Number.isFinite(mb) && mb > 0 ? mb : 32) * 1024 * 1024;
}

export function tooLarge(file: string, size: number, limit: number = maxInputBytes()): Finding | undefined {
  if (size <= limit) return undefined;
  return {
    ...problem('input/too-large', { sizeMiB: (size / 1048576).toFixed(1), limitMiB: limit / 1048576 }),
    source: { file, line: 1, column: 1 },
  };
}

/**
 * An alias bomb in the YAML file at `abs` (shown as `file`), or undefined. The caller has already refused
 * files over the size limit (render/inputs.ts); unreadable files are left for its own error path. Only files
 * that contain an anchor or alias are parsed here.
 */
export function unsafeInput(abs: string, file: string): Finding | undefined {
  if (!/\.ya?ml$|(^|\/)Kustomization$/.test(file)) return undefined;
  let text: string;
  try {
    text = readFileSync(abs, 'utf8');
  } catch {
    return undefined;
  }
  return aliasBomb(text, file);
}
