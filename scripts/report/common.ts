// Small pieces several reporters share: severity ordering, the tool's version, counting words.

import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { SEVERITY_RANK, formatResourceId, type Diagnostic } from '../core/diagnostic.js';
import { packageVersion } from '../core/package-root.js';
import type { CheckResult } from '../check/result.js';
import { KUSTOMIZATION_FILES } from '../workspace/kustomization.js';

/** Errors first, then warnings, then info; the order inside a severity is kept. */
export function bySeverity(diags: readonly Diagnostic[]): Diagnostic[] {
  return diags
    .map((d, i) => ({ d, i }))
    .sort((x, y) => SEVERITY_RANK[x.d.severity] - SEVERITY_RANK[y.d.severity] || x.i - y.i)
    .map((x) => x.d);
}

let version: string | undefined;

export function toolVersion(): string {
  if (version === undefined) {
    try {
      version = packageVersion();
    } catch {
      version = '0.0.0';
    }
  }
  return version;
}

export function plural(n: number, word: string, many = `${word}s`): string {
  return `${n} ${n === 1 ? word : many}`;
}

/** A source location that is a real repository file (not `<rendered:ENV>` or `<stdin>`). */
export function isRepoFile(file: string | undefined): boolean {
  return !!file && !file.startsWith('<');
}

/**
 * The file a finding should be pinned to when it has no repository location: the kustomization of the
 * (first) environment it was seen in.
 */
export function fallbackFile(d: Diagnostic, result: CheckResult, root: string): string | undefined {
  for (const name of d.environments) {
    const env = result.environments.find((e) => e.name === name);
    if (!env || !env.dir) continue;
    const prefix = env.dir === '.' ? '' : `${env.dir}/`;
    const found = KUSTOMIZATION_FILES.find((f) => existsSync(join(root, prefix + f)));
    return prefix + (found ?? 'kustomization.yaml');
  }
  return undefined;
}

export function describeSubject(d: Diagnostic): string {
  const parts: string[] = [];
  if (d.resource) parts.push(formatResourceId(d.resource));
  if (d.pointer) parts.push(d.pointer);
  return parts.join(' ');
}
