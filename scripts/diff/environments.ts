// Environment against environment: pair resources by what is expected to stay the same, compare the rest.

import type { ResourceId } from '../core/diagnostic.js';
import type { RenderedEnvironment } from '../core/rendered.js';
import { isObject, type KObject, type Resource } from '../core/resource.js';
import {
  bestInferredPair,
  chainAffixes,
  resolverFromChain,
  stripAffix,
  takesAffix,
  type Affix,
  type AffixResolver,
} from './affixes.js';
import { compareObjects, toPointer } from './compare.js';
import { stripIgnored } from './ignore.js';
import { mergeKeyLookup, type MergeKeyLookup } from './merge-keys.js';
import { readKustomization } from '../workspace/kustomization.js';
import { appliesToKind, compilePattern, type PointerPattern } from './pattern.js';
import { rewriteReferences, type ReferenceHit, type RenameMap } from './references.js';
import { SensitiveMatcher } from './sensitive.js';
import type { DiffOptions, EnvDiff, FieldChange, ResourceDiff } from './types.js';

/** Kustomize's content hash: 10 characters of hex with 0,1,3,a,e remapped to g,h,k,m,t. */
const GENERATOR_HASH = /-([245-9bcdfghkmt]{10})$/;
const GENERATED_KINDS = new Set(['ConfigMap', 'Secret']);

interface Entry {
  resource: Resource;
  key: string;
  canonical: string;
  hash?: string;
}

export interface Side {
  label: string;
  entries: Map<string, Entry>;
  renames: RenameMap;
}

/** The generator hash of a resource's name, when Kustomize added one. */
export function generatorHash(resource: Resource): string | undefined {
  if (!GENERATED_KINDS.has(resource.kind) || resource.id.group !== '') return undefined;
  if (resource.origin && resource.origin.type !== 'generator') return undefined;
  return GENERATOR_HASH.exec(resource.id.name)?.[1];
}

function hashless(r: Resource): string {
  const h = generatorHash(r);
  return h ? r.id.name.slice(0, -h.length - 1) : r.id.name;
}

function affixNames(renv: RenderedEnvironment): string[] {
  return renv.resources.filter((r) => takesAffix(r.id.group, r.kind)).map(hashless);
}

/** Affix resolvers for both sides: from the kustomization chains when the files are at hand, else inferred. */
export function affixResolvers(
  a: RenderedEnvironment,
  b: RenderedEnvironment,
  rootA: string | undefined,
  rootB: string | undefined = rootA,
): [AffixResolver, AffixResolver] {
  const chainA = rootA ? chainAffixes(rootA, a.env.dir) : undefined;
  const chainB = rootB ? chainAffixes(rootB, b.env.dir) : undefined;
  if (chainA && chainB) return [resolverFromChain(chainA, a.env.dir), resolverFromChain(chainB, b.env.dir)];
  const [fa, fb] = bestInferredPair(affixNames(a), affixNames(b));
  return [() => fa, () => fb];
}

/** Canonical name of the environment's own namespace, so `Namespace staging` pairs with `Namespace production`. */
export const ENV_NAMESPACE = '{namespace}';

/**
 * The namespace an environment deploys into: the overlay's `namespace:` when the files are at hand, else the
 * namespace most of its namespaced resources share (more than half).
 */
export function environmentNamespace(renv: RenderedEnvironment, root: string | undefined): string | undefined {
  if (root) {
    try {
      const ns = readKustomization(root, renv.env.dir)?.data['namespace'];
      if (typeof ns === 'string' && ns) return ns;
    } catch {
      // Unreadable kustomization: fall through to inference.
    }
  }
  const counts = new Map<string, number>();
  let total = 0;
  for (const r of renv.resources) {
    if (!r.id.namespace) continue;
    total++;
    counts.set(r.id.namespace, (counts.get(r.id.namespace) ?? 0) + 1);
  }
  for (const [ns, n] of counts) if (n * 2 > total) return ns;
  return undefined;
}

function canonicalName(
  resource: Resource,
  affix: Affix,
  envNamespace: string | undefined,
): { canonical: string; hash?: string } {
  if (resource.kind === 'Namespace' && resource.id.group === '' && resource.id.name === envNamespace)
    return { canonical: ENV_NAMESPACE };
  let name = resource.id.name;
  const hash = generatorHash(resource);
  if (hash) name = name.slice(0, -hash.length - 1);
  if (takesAffix(resource.id.group, resource.kind)) name = stripAffix(name, affix);
  return hash ? { canonical: name, hash } : { canonical: name };
}

export function prepareSide(
  renv: RenderedEnvironment,
  label: string,
  resolve: AffixResolver,
  envNamespace?: string,
): Side {
  const list: Entry[] = [];
  const counts = new Map<string, number>();
  for (const resource of renv.resources) {
    const { canonical, hash } = canonicalName(resource, resolve(resource), envNamespace);
    const key = `${resource.id.group}/${resource.kind}/${canonical}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
    list.push({ resource, key, canonical, ...(hash ? { hash } : {}) });
  }
  const entries = new Map<string, Entry>();
  const renames: RenameMap = new Map();
  if (envNamespace) renames.set('Namespace', new Map([[envNamespace, ENV_NAMESPACE]]));
  for (const e of list) {
    // The same base name in several namespaces: keep the namespace in the key so nothing is lost.
    if (counts.get(e.key)! > 1) e.key += `/${e.resource.id.namespace ?? ''}`;
    if (entries.has(e.key)) e.key += `#${entries.size}`;
    entries.set(e.key, e);
    let byName = renames.get(e.resource.kind);
    if (!byName) renames.set(e.resource.kind, (byName = new Map<string, string>()));
    byName.set(e.resource.id.name, e.canonical);
  }
  return { label, entries, renames };
}

interface Normalised {
  object: KObject;
  refs: ReferenceHit[];
}

function normalise(e: Entry, side: Side, ignore: PointerPattern[]): Normalised {
  const { object, refs } = rewriteReferences(e.resource.kind, e.resource.object, side.renames);
  const meta = isObject(object['metadata']) ? { ...object['metadata'] } : {};
  meta['name'] = e.canonical;
  delete meta['namespace'];
  const forKind = ignore.filter((p) => appliesToKind(p, e.resource.id.group, e.resource.kind));
  return { object: stripIgnored({ ...object, metadata: meta }, forKind), refs };
}

function identity(e: Entry): ResourceId {
  const { namespace: _ns, ...rest } = e.resource.id;
  return { ...rest, name: e.canonical };
}

export interface DiffContext {
  ignore: PointerPattern[];
  sensitive: SensitiveMatcher;
  mergeKeys: MergeKeyLookup;
}

export function diffContext(opts: DiffOptions): DiffContext {
  return {
    ignore: opts.ignore.map(compilePattern),
    sensitive: new SensitiveMatcher(opts.sensitive),
    mergeKeys: mergeKeyLookup(opts.mergeKeys),
  };
}

export function diffEnvironments(
  a: RenderedEnvironment,
  b: RenderedEnvironment,
  opts: DiffOptions,
  labels: { a?: string; b?: string; rootA?: string; rootB?: string } = {},
): EnvDiff {
  const rootA = labels.rootA ?? opts.root;
  const rootB = labels.rootB ?? opts.root;
  const [ra, rb] = affixResolvers(a, b, rootA, rootB);
  const sideA = prepareSide(a, labels.a ?? a.env.name, ra, environmentNamespace(a, rootA));
  const sideB = prepareSide(b, labels.b ?? b.env.name, rb, environmentNamespace(b, rootB));
  return diffSides(sideA, sideB, diffContext(opts));
}

export function diffSides(a: Side, b: Side, ctx: DiffContext): EnvDiff {
  const resources: ResourceDiff[] = [];
  let unchanged = 0;
  const refsB = new Map<string, Resource[]>();
  const pairs: [Entry, Entry, Normalised, Normalised][] = [];
  for (const [key, eb] of b.entries) {
    const nb = normalise(eb, b, ctx.ignore);
    for (const r of nb.refs) {
      const k = `${r.target}/${r.name}`;
      const list = refsB.get(k) ?? [];
      if (!list.includes(eb.resource)) list.push(eb.resource);
      refsB.set(k, list);
    }
    const ea = a.entries.get(key);
    if (!ea) {
      resources.push({
        kind: 'added',
        id: identity(eb),
        b: eb.resource.id,
        changes: [],
        notes: [],
        resourceB: eb.resource,
      });
      continue;
    }
    pairs.push([ea, eb, normalise(ea, a, ctx.ignore), nb]);
  }
  for (const [key, ea] of a.entries) {
    if (!b.entries.has(key))
      resources.push({
        kind: 'removed',
        id: identity(ea),
        a: ea.resource.id,
        changes: [],
        notes: [],
        resourceA: ea.resource,
      });
  }
  for (const [ea, eb, na, nb] of pairs) {
    const rb = eb.resource;
    const masker = ctx.sensitive.masker(rb.id.group, rb.kind);
    const changes: FieldChange[] = compareObjects(na.object, nb.object, rb.apiVersion, rb.kind, ctx.mergeKeys).map(
      (c) => {
        const fc: FieldChange = { path: toPointer(c.segments), label: c.label, op: c.op };
        // A removal's path is A's; any other change's is B's (list items matched by key sit at B's index).
        const owner = c.op === 'remove' ? na.object : nb.object;
        if (c.op !== 'add') fc.old = masker.show(owner, c.old, c.segments);
        if (c.op !== 'remove') fc.new = masker.show(owner, c.new, c.segments);
        if (c.parent) fc.parent = toPointer(c.parent);
        if (masker.hides(owner, c.segments, c.old) || masker.hides(owner, c.segments, c.new)) fc.sensitive = true;
        return fc;
      },
    );
    if (changes.length === 0) {
      unchanged++;
      continue;
    }
    const notes: string[] = [];
    if (ea.hash && eb.hash && ea.hash !== eb.hash) {
      const users = refsB.get(`${rb.kind}/${rb.id.name}`) ?? [];
      if (users.length) {
        const names = users.map((u) => `${u.kind} ${u.id.name}`).join(', ');
        notes.push(`generated name changed (${ea.resource.id.name} → ${rb.id.name}): pods of ${names} will roll`);
      } else notes.push(`generated name changed (${ea.resource.id.name} → ${rb.id.name})`);
    }
    resources.push({
      kind: 'modified',
      id: identity(eb),
      a: ea.resource.id,
      b: rb.id,
      changes,
      notes,
      resourceA: ea.resource,
      resourceB: rb,
    });
  }
  resources.sort((x, y) => cmp(sortKey(x.id), sortKey(y.id)));
  return { a: a.label, b: b.label, resources, unchanged };
}

function sortKey(id: ResourceId): string {
  return `${id.kind}\u0000${id.group}\u0000${id.name}`;
}

function cmp(x: string, y: string): number {
  return x < y ? -1 : x > y ? 1 : 0;
}
