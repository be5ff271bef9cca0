// kcfg.yaml's environment entries → environments: glob paths expanded, missing names taken by convention.

import { conventionalNames, matchKustomizationDirs } from '../workspace/discover.js';
import { isGlob } from '../workspace/glob.js';
import { normalizeRel } from '../workspace/paths.js';
import type { ClusterPodSecurity } from '../core/resource.js';
import type { RawEnvironment } from './raw.js';

interface ConfiguredEnvironment {
  name: string;
  dir: string;
  kubernetesVersion?: string;
  podSecurity?: ClusterPodSecurity;
}

/**
 * Configured entries → (name, dir) pairs: a glob path gives one environment per matching kustomization
 * directory; a missing name is taken by convention from the directory, among all configured directories.
 */
export function configuredEnvironments(root: string, entries: readonly RawEnvironment[]): ConfiguredEnvironment[] {
  const expanded = entries.flatMap((e) =>
    (isGlob(e.path) ? matchKustomizationDirs(root, e.path) : [normalizeRel(e.path)]).map((dir) => ({ entry: e, dir })),
  );
  const names = conventionalNames(root, [...new Set(expanded.map((x) => x.dir))]);
  const seen = new Set<string>();
  const out: ConfiguredEnvironment[] = [];
  for (const { entry, dir } of expanded) {
    const name = entry.name ?? names.get(dir)!;
    // A directory both named and matched by a later glob keeps its first entry's settings.
    if (seen.has(dir)) continue;
    seen.add(dir);
    out.push({
      name,
      dir,
      ...(entry.kubernetesVersion ? { kubernetesVersion: entry.kubernetesVersion } : {}),
      ...(entry.podSecurity ? { podSecurity: entry.podSecurity } : {}),
    });
  }
  return out;
}
