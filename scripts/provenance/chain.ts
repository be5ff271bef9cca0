// The kustomizations a resource passes through on its way from its file (or generator) to the environment,
// outermost first. Each one's patches and transformers may have changed the resource; the outermost wins.

import type { Kustomization } from '../workspace/kustomization.js';
import { isRemote, readKustomization } from '../workspace/kustomization.js';
import { joinRel, normalizeRel } from '../workspace/paths.js';
import type { JsonValue } from '../core/resource.js';

export type Target = { file: string } | { dir: string };

/**
 * Kustomize builds a kustomization by loading its resources, then its components (each transforms all that
 * was accumulated so far), then running its own generators and transformers. So a resource loaded by
 * `resources` in K is transformed by K's components and then by K; a resource from component C by C, the
 * components listed after C, and K; a generated resource by K only.
 */
export function layersTo(root: string, envDir: string, target: Target): Kustomization[] | undefined {
  const want = 'file' in target ? { file: normalizeRel(target.file) } : { dir: normalizeRel(target.dir) };
  const visiting = new Set<string>();

  const visit = (dir: string): Kustomization[] | undefined => {
    if (visiting.has(dir)) return undefined;
    visiting.add(dir);
    try {
      const k = read(root, dir);
      if (!k) return undefined;
      if ('dir' in want && k.dir === want.dir) return [k];
      const components = strings(k.data['components']).filter((c) => !isRemote(c));
      const outerComponents = (after: number): Kustomization[] =>
        components
          .slice(after)
          .reverse()
          .map((c) => read(root, joinRel(k.dir, c)))
          .filter((c): c is Kustomization => c !== undefined);
      for (const entry of [...strings(k.data['resources']), ...strings(k.data['bases'])]) {
        if (isRemote(entry)) continue;
        const rel = joinRel(k.dir, entry);
        if ('file' in want && rel === want.file) return [k, ...outerComponents(0)];
        const inner = visit(rel);
        if (inner) return [k, ...outerComponents(0), ...inner];
      }
      for (let i = 0; i < components.length; i++) {
        const inner = visit(joinRel(k.dir, components[i]));
        if (inner) return [k, ...outerComponents(i + 1), ...inner];
      }
      return undefined;
    } finally {
      visiting.delete(dir);
    }
  };
  return visit(normalizeRel(envDir));
}

function read(root: string, dir: string): Kustomization | undefined {
  try {
    return readKustomization(root, dir);
  } catch {
    // A broken kustomization is reported by validation; provenance just cannot go through it.
    return undefined;
  }
}

function strings(v: JsonValue | undefined): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}
