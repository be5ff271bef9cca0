// Before kcfg hashes or reads anything an environment names, each input file is resolved: only regular files
// inside the root (after symbolic links) and within the size limit are read (walkClosure does the same for
// directories). A kustomization could otherwise point kcfg's own process at `/dev/zero` (unbounded memory while
// hashing), `/etc/passwd`, or a link out of the repository, before Kustomize ever sees the path.

import { problem, type Problem } from '../codes/index.js';
import { statSync } from 'node:fs';
import { posix, resolve } from 'node:path';
import type { SourceLocation } from '../core/diagnostic.js';
import type { Finding } from '../core/resource.js';
import { maxInputBytes } from '../resources/guard.js';
import type { Closure } from '../workspace/closure.js';
import { kustomizationDeps, locateEntry } from '../workspace/kustomization.js';
import { absolute, isWithin, realOf } from '../workspace/paths.js';

/** The first input of `walked` kcfg must not read, as a finding at the kustomization line that names it. */
export function refusedInput(root: string, walked: Closure, opts: { insideRootOnly: boolean }): Finding | undefined {
  const realRoot = realOf(root);
  if (!realRoot) return undefined;
  const inside = (real: string): boolean => !opts.insideRootOnly || isWithin(real, realRoot);
  const limit = maxInputBytes();
  for (const file of walked.files) {
    const abs = absolute(root, file);
    let st;
    try {
      st = statSync(abs);
    } catch {
      continue; // missing: Kustomize reports it at its entry
    }
    const real = realOf(abs);
    if (real && !inside(real)) {
      return refusal(walked, file, problem('input/outside-root', { path: file, real }));
    }
    if (st.isDirectory()) continue;
    if (!st.isFile()) return refusal(walked, file, problem('input/not-a-file', { path: file }));
    if (st.size > limit) {
      const sizeMiB = (st.size / 1048576).toFixed(1);
      return refusal(walked, file, problem('input/too-large', { path: file, sizeMiB, limitMiB: limit / 1048576 }));
    }
  }
  return undefined;
}

function refusal(walked: Closure, path: string, p: Problem): Finding {
  const source = referrer(walked, path);
  return { ...p, ...(source ? { source } : {}) };
}

/** The line of the kustomization entry that names `path` (repository-relative). */
function referrer(walked: Closure, path: string): SourceLocation | undefined {
  for (const k of walked.kustomizations.values()) {
    if (!kustomizationDeps(k).files.includes(path)) continue;
    return (
      locateEntry(k, posix.relative(k.dir, path)) ??
      locateEntry(k, resolve(k.root, path)) ?? { file: k.file, line: 1, column: 1 }
    );
  }
  return undefined;
}
