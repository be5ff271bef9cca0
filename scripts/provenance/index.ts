// Resource + JSON pointer → the line a person should edit (base file, overlay patch, kustomization entry,
// generator entry) and where the value sits in the rendered stream.
//
// The resource's origin names the file (or generator) it started from; the kustomizations between the
// environment and that origin are its layers. The outermost layer that sets the pointer, or an ancestor of it,
// wins; otherwise the base document does, or, when the path is missing there, whichever source reaches
// deepest into it.

import { posix } from 'node:path';
import { isSeq } from '../resources/yaml-lazy.js';
import type { SourceLocation } from '../core/diagnostic.js';
import {
  getAt,
  isObject,
  joinPointer,
  splitApiVersion,
  type Environment,
  type Locator,
  type Resource,
} from '../core/resource.js';
import { positionInDocument } from '../resources/position.js';
import { KUSTOMIZATION_FILES, readKustomization, type Kustomization } from '../workspace/kustomization.js';
import { normalizeRel } from '../workspace/paths.js';
import { affixEntry, configAffix, configEntry, growConfigImageNames, type Affix } from './builtin-transformers.js';
import { layerIndex, type Target } from './chain.js';
import { dataKeyLocation, generatorEntry, generatorField, generatorNames, type GeneratorField } from './generators.js';
import { getNode, getScalar, jsOf, keyOffset, nodeStart, semanticPath, walk, type Segment } from './path.js';
import { evaluatePatch, layerPatches, type LayerPatches, type Patch } from './patches.js';
import { replacementFor, replacementIn } from './replacements.js';
import { stringMap, type Subject } from './subject.js';
import { layerTransformers, type TransformerConfig } from './transformer-configs.js';
import {
  annotationsEntry,
  growImageNames,
  imageName,
  imagesEntry,
  isImagePointer,
  labelsEntry,
  nameAffixEntry,
  namespaceEntry,
  plain,
  replicasEntry,
} from './transformers.js';
import { SourceCache, type YamlSource } from './yaml-source.js';

export interface LocatorOptions {
  /** Absolute repository root; origins and environment directories are relative to it. */
  root: string;
  env: Environment;
}

export function createLocator(opts: LocatorOptions): Locator {
  let state: State | undefined;
  return {
    locate(resource: Resource, pointer: string) {
      const out: { source?: SourceLocation; rendered?: SourceLocation } = {};
      try {
        const { exact: _exact, ...rendered } = positionInDocument(resource.rendered, pointer);
        out.rendered = rendered;
      } catch {
        // An odd document or pointer yields no rendered position; the finding still stands.
      }
      try {
        state ??= new State(opts);
        const source = state.locate(resource, pointer);
        if (source) out.source = source;
      } catch {
        // Provenance is best effort: a surprise in someone's tree must not hide the finding.
      }
      return out;
    },
    text(file: string) {
      state ??= new State(opts);
      return state.text(file);
    },
  };
}

interface Prepared {
  /** Outermost first. */
  layers: Kustomization[];
  /** Every name the resource had, for matching its document and generator entries. */
  subject: Subject;
  renderedName: string;
  /** See nameSteps. */
  steps: string[][];
  /** The name in the base document or generator entry. */
  original: string;
  /** File origin: the document this resource came from, or just the file when no document matched. */
  base?: { source: YamlSource; node: unknown } | { file: string };
  /** Generator origin. */
  generator?: { field: GeneratorField; defining: Kustomization; entry: unknown };
}

class State {
  private readonly files: SourceCache;
  private chainOf: ((target: Target) => Kustomization[] | undefined) | undefined;
  private readonly patches = new WeakMap<Kustomization, LayerPatches>();
  private readonly transformers = new WeakMap<Kustomization, TransformerConfig[]>();
  private readonly prepared = new WeakMap<Resource, Prepared | null>();

  constructor(private readonly opts: LocatorOptions) {
    this.files = new SourceCache(opts.root);
  }

  text(file: string): string | undefined {
    return this.files.raw(file);
  }

  locate(resource: Resource, pointer: string): SourceLocation | undefined {
    let prep = this.prepared.get(resource);
    if (prep === undefined) {
      prep = this.prepare(resource) ?? null;
      this.prepared.set(resource, prep);
    }
    if (!prep) return undefined;
    return this.resolve(prep, semanticPath(resource.object, pointer));
  }

  private resolve(prep: Prepared, segs: Segment[]): SourceLocation | undefined {
    const path = plain(segs);
    const { subject, layers } = prep;
    const images = isImagePointer(path) ? this.imageNames(prep, segs) : undefined;
    let partial: { depth: number; location: SourceLocation } | undefined;

    const tryPatches = (list: Patch[], current: Subject): SourceLocation | undefined => {
      for (let i = list.length - 1; i >= 0; i--) {
        const hit = evaluatePatch(list[i], current, segs);
        if (!hit) continue;
        if (hit.sets) return hit.location;
        if (!partial || hit.depth > partial.depth) partial = { depth: hit.depth, location: hit.location };
      }
      return undefined;
    };

    const value = getAt(subject.object, joinPointer(...path));
    const renaming = path.join('/') === 'metadata/name';
    /** What one `transformers` configuration set, given the resource's name before and after it ran. */
    const tryConfig = (t: TransformerConfig, before: string, after: string): SourceLocation | undefined => {
      const current = { ...subject, names: new Set([prep.original, before]) };
      const affix = renaming ? configAffix(t, subject) : undefined;
      const renamed = affix && affixEntry(affix, before, after);
      if (renamed !== undefined) return t.source.at(renamed);
      if (t.kind === 'ReplacementTransformer') {
        const r = replacementIn(getNode(t.body, 'replacements'), t.source, t.dir, this.files, current, segs);
        if (r) return r.source.at(r.offset);
      }
      const at = configEntry(t, images ? { subject: current, path, value, images } : { subject: current, path, value });
      return at !== undefined ? t.source.at(at) : tryPatches(t.patches, current);
    };

    for (let i = 0; i < layers.length; i++) {
      const k = layers[i];
      const steps = prep.steps[i];
      // Kustomize matches targets by the original name or the current one: patches run before this layer's
      // name affixes, JSON6902 patches and replicas after them, `transformers` configurations after all that.
      const entering = { ...subject, names: new Set([prep.original, steps[0]]) };
      const leaving = { ...subject, names: new Set([prep.original, steps[1]]) };
      const host = this.files.kustomization(k);
      const root = host.docs[0]?.contents;
      if (!root) continue;
      const entry = (offset: number | undefined): SourceLocation | undefined =>
        offset === undefined ? undefined : host.at(offset);
      const patches = this.layerPatches(k);
      // Within a layer, later transformers win: the checks run in reverse of Kustomize's order, which ends with
      // the `transformers` configurations.
      const configs = this.layerTransformers(k);
      for (let j = configs.length - 1; j >= 0; j--) {
        const hit = tryConfig(configs[j], steps[j + 1], steps[j + 2]);
        if (hit) return hit;
      }
      const replaced = replacementFor(k, this.files, leaving, segs);
      if (replaced) return replaced.source.at(replaced.offset);
      const hit =
        (images && entry(imagesEntry(root, images))) ||
        entry(replicasEntry(root, leaving, path)) ||
        tryPatches(patches.json6902, leaving) ||
        entry(annotationsEntry(root, path)) ||
        entry(labelsEntry(root, subject, path)) ||
        entry(nameAffixEntry(root, prep.renderedName, path)) ||
        entry(namespaceEntry(root, subject, path)) ||
        tryPatches(patches.patches, entering) ||
        tryPatches(patches.strategic, entering) ||
        (prep.generator && this.generated(prep, k, host, root, path));
      if (hit) return hit;
    }

    if (prep.generator) {
      const { defining, entry } = prep.generator;
      return this.files.kustomization(defining).at(keyOffset(entry, 'name') ?? nodeStart(entry));
    }
    const base = prep.base;
    if (!base) return partial?.location;
    if (!('source' in base)) return { file: base.file, line: 1, column: 1 };
    const w = walk(base.node, segs, 'source');
    if (!w.complete && partial && partial.depth > w.depth) return partial.location;
    return base.source.at(w.offset);
  }

  /** What a generator entry (or its kustomization's generatorOptions) sets: data keys, labels, annotations, type. */
  private generated(
    prep: Prepared,
    k: Kustomization,
    host: YamlSource,
    root: unknown,
    path: string[],
  ): SourceLocation | undefined {
    const gen = prep.generator!;
    const entry = generatorEntry(root, gen.field, [prep.original], k === gen.defining);
    if (!entry) return undefined;
    const [first, second] = path;
    if (path.length === 2 && (first === 'data' || first === 'binaryData' || first === 'stringData'))
      return dataKeyLocation(entry, second, k, host, this.files);
    if (path.length === 3 && first === 'metadata' && (second === 'labels' || second === 'annotations')) {
      const at =
        keyOffset(getNode(entry, 'options', second), path[2]) ??
        keyOffset(getNode(root, 'generatorOptions', second), path[2]);
      return at === undefined ? undefined : host.at(at);
    }
    if (path.length === 1 && first === 'type' && gen.field === 'secretGenerator') {
      const at = keyOffset(entry, 'type');
      return at === undefined ? undefined : host.at(at);
    }
    return undefined;
  }

  /** Image names the container's image had, growing through `newName` entries from the innermost layer out. */
  private imageNames(prep: Prepared, segs: Segment[]): Set<string> {
    const names = new Set<string>();
    const rendered = getScalarAt(prep.subject.object, plain(segs));
    if (rendered) names.add(imageName(rendered));
    if (prep.base && 'source' in prep.base) {
      const w = walk(prep.base.node, segs, 'source');
      const v = w.complete ? jsOf(w.node) : undefined;
      if (typeof v === 'string') names.add(imageName(v));
    }
    for (let i = prep.layers.length - 1; i >= 0; i--) {
      const k = prep.layers[i];
      const root = this.files.kustomization(k).docs[0]?.contents;
      if (root) growImageNames(root, names);
      for (const t of this.layerTransformers(k)) growConfigImageNames(t, names);
    }
    return names;
  }

  private layerPatches(k: Kustomization): LayerPatches {
    let p = this.patches.get(k);
    if (!p) {
      p = layerPatches(k, this.files);
      this.patches.set(k, p);
    }
    return p;
  }

  private layerTransformers(k: Kustomization): TransformerConfig[] {
    let t = this.transformers.get(k);
    if (!t) {
      t = layerTransformers(k, this.files);
      this.transformers.set(k, t);
    }
    return t;
  }

  /** The name affixes of each layer in Kustomize's order: its own namePrefix/nameSuffix, then its configurations'. */
  private affixes(subject: Subject): (k: Kustomization) => (Affix | undefined)[] {
    return (k) => {
      const prefix = typeof k.data['namePrefix'] === 'string' ? k.data['namePrefix'] : '';
      const suffix = typeof k.data['nameSuffix'] === 'string' ? k.data['nameSuffix'] : '';
      return [{ prefix, suffix }, ...this.layerTransformers(k).map((t) => configAffix(t, subject))];
    };
  }

  private layers(target: Target): Kustomization[] {
    this.chainOf ??= layerIndex(this.opts.root, this.opts.env.dir);
    return this.chainOf(target) ?? [];
  }

  private prepare(resource: Resource): Prepared | undefined {
    const origin = resource.origin;
    if (!origin) return undefined;
    const meta = isObject(resource.object['metadata']) ? resource.object['metadata'] : {};
    const renderedName = typeof meta['name'] === 'string' ? meta['name'] : resource.id.name;
    const renderedNs = typeof meta['namespace'] === 'string' ? meta['namespace'] : '';
    const subject: Subject = {
      group: resource.id.group,
      version: resource.id.version,
      kind: resource.kind,
      names: new Set([renderedName]),
      namespaces: new Set([renderedNs]),
      labels: [stringMap(meta['labels'])],
      annotations: [stringMap(meta['annotations'])],
      object: resource.object,
    };

    if (origin.type === 'generator') {
      const dir = kustomizationDir(origin.kustomization);
      let layers = this.layers({ dir });
      if (layers.length === 0) {
        const k = readQuietly(this.opts.root, dir);
        layers = k ? [k] : [];
      }
      const defining = layers[layers.length - 1];
      const field = generatorField(origin.generator, resource.kind);
      if (!defining || !field) return undefined;
      const root = this.files.kustomization(defining).docs[0]?.contents;
      const steps = nameSteps(renderedName, layers, this.affixes(subject), generatorNames(root, field));
      for (const n of steps.flat()) subject.names.add(n);
      const original = innermost(steps, renderedName);
      const entry = generatorEntry(root, field, [original], true);
      const prep: Prepared = { layers, subject, renderedName, steps, original };
      return entry ? { ...prep, generator: { field, defining, entry } } : prep;
    }

    const file = normalizeRel(origin.file);
    const layers = this.layers({ file });
    const steps = nameSteps(renderedName, layers, this.affixes(subject));
    for (const n of steps.flat()) subject.names.add(n);
    const source = this.files.get(file);
    if (!source) return { layers, subject, renderedName, steps, original: innermost(steps, renderedName) };
    const node = findDocument(source, subject, renderedName, renderedNs);
    if (!node)
      return { layers, subject, renderedName, steps, original: innermost(steps, renderedName), base: { file } };
    const original = getScalar(node, 'metadata', 'name') ?? innermost(steps, renderedName);
    subject.names.add(original);
    const ns = getScalar(node, 'metadata', 'namespace');
    if (ns !== undefined) subject.namespaces.add(ns);
    for (const k of layers) {
      const layerNs = typeof k.data['namespace'] === 'string' ? k.data['namespace'] : undefined;
      if (layerNs) subject.namespaces.add(layerNs);
      for (const t of this.layerTransformers(k)) {
        const configNs = t.kind === 'NamespaceTransformer' ? getScalar(t.body, 'metadata', 'namespace') : undefined;
        if (configNs) subject.namespaces.add(configNs);
      }
    }
    const baseMeta = jsOf(getNode(node, 'metadata'));
    if (isObject(baseMeta)) {
      subject.labels.push(stringMap(baseMeta['labels']));
      subject.annotations.push(stringMap(baseMeta['annotations']));
    }
    return { layers, subject, renderedName, steps, original, base: { source, node } };
  }
}

/** Kustomize's generated-name hash: a dash and ten characters from its alphabet. */
const HASH_SUFFIX = /-[a-z0-9]{10}$/;

/**
 * The names a resource had in each layer, outermost first: `steps[i]` starts with the name entering layer i,
 * followed by its name after each of the layer's affixes (its namePrefix/nameSuffix, then its `transformers`
 * configurations, in Kustomize's order); the last one leaves the layer. A generated name loses its hash first,
 * when that leads to a generator entry's name.
 */
function nameSteps(
  rendered: string,
  layers: Kustomization[],
  affixes: (k: Kustomization) => (Affix | undefined)[],
  known?: string[],
): string[][] {
  const strip = (start: string): string[][] => {
    let name = start;
    return layers.map((k) => {
      const list = affixes(k);
      const layer = [name];
      for (let j = list.length - 1; j >= 0; j--) {
        const { prefix = '', suffix = '' } = list[j] ?? {};
        if (suffix && name.endsWith(suffix) && name.length > suffix.length) name = name.slice(0, -suffix.length);
        if (prefix && name.startsWith(prefix) && name.length > prefix.length) name = name.slice(prefix.length);
        layer.unshift(name);
      }
      return layer;
    });
  };
  if (known && HASH_SUFFIX.test(rendered)) {
    const unhashed = rendered.replace(HASH_SUFFIX, '');
    const steps = strip(unhashed);
    if (known.includes(innermost(steps, unhashed))) return steps;
  }
  return strip(rendered);
}

/** The name entering the innermost layer: the one in the base document or generator entry. */
function innermost(steps: string[][], rendered: string): string {
  return steps.length === 0 ? rendered : steps[steps.length - 1][0];
}

/**
 * The document in a file that is this resource: same kind and group and one of its names (several documents
 * can share a name across kinds or namespaces); failing that, the only document of that kind, or the one whose
 * name the rendered name contains.
 */
function findDocument(source: YamlSource, subject: Subject, rendered: string, renderedNs: string): unknown {
  // Kustomize reads the items of a `kind: List` document as resources of their own.
  const nodes = source.docs.flatMap((d) => {
    const items = /List$/.test(getScalar(d.contents, 'kind') ?? '') ? getNode(d.contents, 'items') : undefined;
    return isSeq(items) ? items.items : [d.contents];
  });
  const sameKind = nodes.filter(
    (node) =>
      getScalar(node, 'kind') === subject.kind &&
      splitApiVersion(getScalar(node, 'apiVersion') ?? '').group === subject.group,
  );
  const named = sameKind.filter((node) => subject.names.has(getScalar(node, 'metadata', 'name') ?? '\u0000'));
  if (named.length === 1) return named[0];
  if (named.length > 1)
    return named.find((node) => (getScalar(node, 'metadata', 'namespace') ?? '') === renderedNs) ?? named[0];
  if (sameKind.length === 1) return sameKind[0];
  let best: unknown;
  let bestLength = 0;
  for (const node of sameKind) {
    const name = getScalar(node, 'metadata', 'name') ?? '';
    if (name.length > bestLength && rendered.includes(name)) {
      best = node;
      bestLength = name.length;
    }
  }
  return best;
}

function getScalarAt(obj: unknown, path: string[]): string | undefined {
  let cur = obj;
  for (const seg of path) {
    if (Array.isArray(cur)) cur = cur[Number(seg)];
    else if (isObject(cur)) cur = cur[seg];
    else return undefined;
  }
  return typeof cur === 'string' ? cur : undefined;
}

/** Origins name a kustomization by its file or its directory. */
function kustomizationDir(path: string): string {
  const rel = normalizeRel(path);
  return (KUSTOMIZATION_FILES as readonly string[]).includes(posix.basename(rel)) ? posix.dirname(rel) : rel;
}

function readQuietly(root: string, dir: string): Kustomization | undefined {
  try {
    return readKustomization(root, dir);
  } catch {
    return undefined;
  }
}
