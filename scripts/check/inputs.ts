// Plain manifest inputs for `kcfg validate FILE|-`: read with a size limit, parse fast, build resources.

import { readFileSync, statSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { UsageError } from '../core/errors.js';
import type { Finding, Resource } from '../core/resource.js';
import { buildResources } from '../resources/build.js';
import { parseStream } from '../resources/parse.js';

/** Inputs above this size are refused rather than risking the memory budget; override with KCFG_MAX_FILE_MB. */
export function maxInputBytes(env: NodeJS.ProcessEnv = process.env): number {
  const mb = Number(env['KCFG_MAX_FILE_MB'] ?? 32);
  return (Number.isFinite(mb) && mb > 0 ? mb : 32) * 1024 * 1024;
}

export interface LoadedInput {
  file: string;
  text: string;
  resources: Resource[];
  findings: Finding[];
}

export function loadInput(root: string, arg: string, stdin: () => string): LoadedInput {
  if (arg === '-') return fromText('<stdin>', stdin());
  const abs = resolve(root, arg);
  const file = relative(root, abs).split('\\').join('/') || arg;
  let size: number;
  try {
    const st = statSync(abs);
    if (!st.isFile()) throw new UsageError(`${arg} is not a file`);
    size = st.size;
  } catch (e) {
    if (e instanceof UsageError) throw e;
    throw new UsageError(`cannot read ${arg}: no such file`, 'pass an environment name, a kustomization directory, a manifest file or - for stdin');
  }
  const limit = maxInputBytes();
  if (size > limit) {
    const finding: Finding = {
      code: 'input/too-large',
      severity: 'error',
      message: `file is ${(size / 1048576).toFixed(1)} MiB, above the ${limit / 1048576} MiB limit`,
      hint: 'split the file, or raise the limit with KCFG_MAX_FILE_MB',
      source: { file, line: 1, column: 1 },
    };
    return { file, text: '', resources: [], findings: [finding] };
  }
  return fromText(file, readFileSync(abs, 'utf8'));
}

function fromText(file: string, text: string): LoadedInput {
  const parsed = parseStream(text, file);
  const built = buildResources(parsed.documents, file);
  return { file, text, resources: built.resources, findings: [...parsed.findings, ...built.findings] };
}
