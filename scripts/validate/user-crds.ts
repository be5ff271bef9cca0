// CustomResourceDefinitions a team brings itself (kcfg.yaml `schemas.crds`: files or globs, as
// `kubectl get crd -o yaml` or an operator's release manifests give them), so custom resources whose CRDs are
// installed outside the render (Argo Rollouts, KEDA, Istio, Flux, Gateway API) validate offline. Only CRD
// documents are kept; every other document of a release manifest is ignored.

import { readFileSync, statSync } from 'node:fs';
import type { Finding, Resource } from '../core/resource.js';
import { buildResources } from '../resources/build.js';
import { expandLists } from '../resources/expand-lists.js';
import { maxInputBytes, tooLarge } from '../resources/guard.js';
import { parseStream } from '../resources/parse.js';
import { convertCrd, isCrd } from '../schemas/crds.js';
import { problem } from '../codes/index.js';
import { positionInDocument } from '../resources/position.js';
import { absolute, isWithin, realOf } from '../workspace/paths.js';
import { userCrdFiles } from './crd-files.js';

export interface UserCrds {
  /** The CRD documents, as resources (their `rendered` is the file they came from). */
  resources: Resource[];
  /** YAML errors and CRDs that cannot be used, at their files' lines. */
  findings: Finding[];
  /** Repository-relative files read, sorted (part of the check cache key). */
  files: string[];
}

export const NO_USER_CRDS: UserCrds = { resources: [], findings: [], files: [] };

/** Reads the CRD files that `patterns` (relative to `root`) name; a pattern that leaves the root is refused. */
export function loadUserCrds(root: string, patterns: readonly string[]): UserCrds {
  if (patterns.length === 0) return NO_USER_CRDS;
  const realRoot = realOf(root) ?? root;
  const out: UserCrds = { resources: [], findings: [], files: [] };
  for (const file of userCrdFiles(root, patterns)) {
    const abs = absolute(root, file);
    const real = realOf(abs);
    // A link out of the repository could read any file on the machine; kcfg reads only the repository.
    if (!real || !isWithin(real, realRoot)) {
      out.findings.push({
        ...problem('input/outside-root', { path: file, real: real ?? abs }),
        source: { file, line: 1, column: 1 },
      });
      continue;
    }
    const large = tooLarge(file, statSync(abs).size, maxInputBytes());
    if (large) {
      out.findings.push(large);
      continue;
    }
    out.files.push(file);
    const parsed = parseStream(readFileSync(abs, 'utf8'), file);
    out.findings.push(...parsed.findings);
    const built = buildResources(expandLists(parsed.documents), file);
    for (const r of built.resources) {
      if (!isCrd(r.object)) continue;
      out.resources.push(r);
      const { exact: _exact, ...at } = positionInDocument(r.rendered, '/spec');
      for (const p of convertCrd(r.object).problems)
        out.findings.push({ ...problem('schema/crd-unusable', { name: r.id.name, problem: p }), source: at });
    }
  }
  return out;
}
