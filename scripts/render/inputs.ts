// Before kcfg hashes or reads anything an environment names, each input is resolved: only regular files and
// files inside the root (after symbolic links) are read, within the size limit (directories: walkClosure). A kustomization
// can otherwise point kcfg's own process at `/dev/zero` (unbounded memory while hashing), `/etc/passwd`, or a
// symlink out of the repository, before Kustomize ever sees the path.

import { lstatSync, realpathSync, statSync } from 'node:fs';
import { posix, resolve, sep } from 'node:path';
import type { SourceLocation } from '../core/diagnostic.js';
import type { Finding } from '../core/resource.js';
import { maxInputBytes } from '../resources/guard.js';
import type { Closure } from '../workspace/closure.js';
import { kustomizationDeps, type Kustomization } from '../workspace/kustomization.js';
import { absolute } from '../workspace/paths.js';


/** The first input of `walked` kcfg must not read, as a finding at the kustomization line that names it. */
export function refusedInput(root: string, walked: Closure, opts: { insideRootOnly: boolean }): Finding | undefined {
  let realRoot: string;
  try {
    realRoot = realpathSync(root);
  } catch {
    return undefined;
  }
  const inside = (real: string): boolean => !opts.insideRootOnly || real === realRoot || real.startsWith(realRoot + sep);
  const limit = maxInputBytes();
  for (const file of walked.files) {
    const abs = absolute(root, file);
    let st;
    try {
      lstatSync(abs);
      st = statSync(abs);
    } catch {
      continue; // missing: Kustomize reports it at its entry
    }
    const real = realOf(abs);
    if (real && !inside(real)) {
      return refusal(walked, file, 'input/outside-root', `resolves to ${real}, outside the repository root`, 'refer only to files inside the repository; a symbolic link may point only within it');
    }
    if (st.isDirectory()) continue;
    if (!st.isFile()) return refusal(walked, file, 'input/not-a-file', 'is not a regular file (a device, socket or pipe)', 'refer only to regular files');
    if (st.size > limit) {
      return refusal(walked, file, 'input/too-large', `is ${(st.size / 1048576).toFixed(1)} MiB, above the ${limit / 1048576} MiB limit`, 'split the file, or raise the limit with KCFG_MAX_FILE_MB');
    }
  }
  return undefined;
}

function realOf(abs: string): string | undefined {
  try {
    return realpathSync(abs);
  } catch {
    return undefined;
  }
}

function refusal(walked: Closure, path: string, code: string, why: string, hint: string): Finding {
  const source = referrer(walked, path);
  return { code, severity: 'error', message: `${path} ${why}; kcfg did not read it (${code})`, hint, ...(source ? { source } : {}) };
}

/** The line of the kustomization entry that names `path` (repository-relative). */
function referrer(walked: Closure, path: string): SourceLocation | undefined {
  for (const k of walked.kustomizations.values()) {
    if (kustomizationDeps(k).files.includes(path)) return locateEntry(k, posix.relative(k.dir, path), resolve(k.root, path));
  }
  return undefined;
}

function locateEntry(k: Kustomization, rel: string, abs: string): SourceLocation {
  const lines = k.text.split('\n');
  const escape = (x: string): string => x.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  // An entry is the whole value of a list item (`- zero`), a `path:` or a `key=zero`, in that order of preference
  // (`name: zero` names the generator, it is not the file).
  for (const needle of [rel, `./${rel}`, abs]) {
    const e = escape(needle);
    for (const re of [new RegExp(`^\\s*-\\s*["']?${e}["']?\\s*$`), new RegExp(`path:\\s*["']?${e}["']?\\s*$`), new RegExp(`=["']?${e}["']?\\s*$`)]) {
      const i = lines.findIndex((l) => re.test(l));
      if (i >= 0) return { file: k.file, line: i + 1, column: lines[i]!.lastIndexOf(needle) + 1 };
    }
  }
  return { file: k.file, line: 1, column: 1 };
}
