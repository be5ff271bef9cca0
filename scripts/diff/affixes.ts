// namePrefix / nameSuffix each resource received, so resources pair across environments by their base name.
// Read from the overlay's kustomization chain when the repository is at hand: a resource declared in
// directory D carries the prefixes of every kustomization on the path from the overlay down to D.
// Without files (or for resources without an origin), inferred from the environment's names.

import { dirname, posix } from 'node:path';
import type { Resource } from '../core/resource.js';
import { kustomizationDeps, readKustomization, type Kustomization } from '../workspace/kustomization.js';

export interface Affix {
  prefix: string;
  suffix: string;
}

export type AffixResolver = (resource: Resource) => Affix;

const NONE: Affix = { prefix: '', suffix: '' };

/** Kinds Kustomize's PrefixSuffixTransformer leaves alone. */
export function takesAffix(group: string, kind: string): boolean {
  if (kind === 'CustomResourceDefinition' || kind === 'Namespace') return false;
  if (kind === 'APIService' && group === 'apiregistration.k8s.io') return false;
  return true;
}

interface Layer {
  namePrefix: string;
  nameSuffix: string;
  children: string[];
}

function readLayer(root: string, dir: string): Layer | undefined {
  let k: Kustomization | undefined;
  try {
    k = readKustomization(root, dir);
  } catch {
    // A broken kustomization is the render's to report; pairing falls back to the overlay's own affix.
    return undefined;
  }
  if (!k) return undefined;
  const str = (v: unknown): string => (typeof v === 'string' ? v : '');
  return {
    namePrefix: str(k.data['namePrefix']),
    nameSuffix: str(k.data['nameSuffix']),
    children: kustomizationDeps(k).dirs,
  };
}

/** Map every kustomization directory reachable from the overlay to its accumulated affix. */
export function chainAffixes(root: string, envDir: string): Map<string, Affix> | undefined {
  const out = new Map<string, Affix>();
  const start = posix.normalize(envDir);
  const visit = (dir: string, outer: Affix, depth: number): void => {
    if (depth > 50 || out.has(dir)) return;
    const layer = readLayer(root, dir);
    if (!layer) return;
    const affix = { prefix: outer.prefix + layer.namePrefix, suffix: layer.nameSuffix + outer.suffix };
    out.set(dir, affix);
    for (const child of layer.children) visit(child, affix, depth + 1);
  };
  visit(start, NONE, 0);
  return out.size ? out : undefined;
}

function originDir(resource: Resource): string | undefined {
  const o = resource.origin;
  if (!o) return undefined;
  if (o.type === 'file') return posix.dirname(o.file);
  const k = o.kustomization;
  return /(^|\/)(kustomization\.ya?ml|Kustomization)$/.test(k) ? posix.dirname(k) : k;
}

/** Resources whose origin is outside the chain (or unknown) get the overlay's own affix. */
export function resolverFromChain(chain: Map<string, Affix>, envDir: string): AffixResolver {
  const rootAffix = chain.get(posix.normalize(envDir)) ?? NONE;
  return (resource) => {
    let dir = originDir(resource);
    while (dir !== undefined) {
      const hit = chain.get(dir === '' ? '.' : dir);
      if (hit) return hit;
      if (dir === '.' || dir === '' || dir === '/') break;
      const up = dirname(dir);
      dir = up === dir ? undefined : up;
    }
    return rootAffix;
  };
}

/**
 * Without the kustomization files: candidate affixes of one environment are the longest prefix and suffix
 * every affixable name shares, cut at a `-` boundary. Which candidates apply is decided for both
 * environments together (see `bestInferredPair`), because a shared part alone is ambiguous: `api-prod` and
 * `api-config-prod` share both `api-` and `-prod`.
 */
export function affixCandidates(names: readonly string[]): Affix[] {
  const out: Affix[] = [NONE];
  if (names.length < 2) return out;
  let prefix = names[0];
  let suffix = names[0];
  for (const n of names) {
    while (!n.startsWith(prefix)) prefix = prefix.slice(0, -1);
    while (!n.endsWith(suffix)) suffix = suffix.slice(1);
  }
  const cutP = prefix.lastIndexOf('-');
  prefix = cutP >= 0 ? prefix.slice(0, cutP + 1) : '';
  const cutS = suffix.indexOf('-');
  suffix = cutS >= 0 ? suffix.slice(cutS) : '';
  const fits = (a: Affix): boolean => names.every((n) => n.length > a.prefix.length + a.suffix.length);
  for (const a of [
    { prefix, suffix: '' },
    { prefix: '', suffix },
    { prefix, suffix },
  ]) {
    if ((a.prefix || a.suffix) && fits(a) && !out.some((o) => o.prefix === a.prefix && o.suffix === a.suffix))
      out.push(a);
  }
  return out;
}

export function stripAffix(name: string, affix: Affix): string {
  if (affix.prefix && name.startsWith(affix.prefix) && name.length > affix.prefix.length)
    name = name.slice(affix.prefix.length);
  if (affix.suffix && name.endsWith(affix.suffix) && name.length > affix.suffix.length)
    name = name.slice(0, -affix.suffix.length);
  return name;
}

/** The pair of candidates under which the most names pair up; ties go to the pair that strips least. */
export function bestInferredPair(namesA: readonly string[], namesB: readonly string[]): [Affix, Affix] {
  let best: [Affix, Affix] = [NONE, NONE];
  let bestScore = -1;
  let bestStrip = Infinity;
  for (const ca of affixCandidates(namesA)) {
    const setA = new Set(namesA.map((n) => stripAffix(n, ca)));
    for (const cb of affixCandidates(namesB)) {
      let score = 0;
      for (const n of namesB) if (setA.has(stripAffix(n, cb))) score++;
      const strip = ca.prefix.length + ca.suffix.length + cb.prefix.length + cb.suffix.length;
      if (score > bestScore || (score === bestScore && strip < bestStrip)) {
        best = [ca, cb];
        bestScore = score;
        bestStrip = strip;
      }
    }
  }
  return best;
}
