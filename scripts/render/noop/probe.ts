// Kustomize's best-known silent failures: an entry whose selector matches nothing is skipped without a word,
// and one that sets what is already there changes nothing. Target matching and merging are the engine's, so
// kcfg asks the engine, in at most one more build per environment, and only when a cheap look leaves a
// question: a copy of the environment's files in which
// - an entry whose selector is in doubt gains a twin with the same selector that only stamps an annotation
//   (a stamp on no resource: the entry matched nothing);
// - an entry that may change nothing is removed (a patch is swapped for its stamping twin, so what it
//   selected is still known); if what it sets is still there without it, it changes nothing. Removing several
//   at once can only hide a no-op (one removal undoing another's value), never invent one.

import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, posix } from 'node:path';
import jsYaml from 'js-yaml';
import type { Finding, KObject, Resource } from '../../core/resource.js';
import { isObject } from '../../core/resource.js';
import { buildResources } from '../../resources/build.js';
import { parseStream } from '../../resources/parse.js';
import type { Closure } from '../../workspace/closure.js';
import type { Kustomization } from '../../workspace/kustomization.js';
import { absolute } from '../../workspace/paths.js';
import { buildArgs, run, type Engine } from '../engine.js';
import { makeWrapperDir, removeWrapperDir } from '../lifecycle.js';
import { noopEntries, type NoopEntry, type Selecting } from './entries.js';
import { changesNothing, matchesNothing, unusedImages } from './findings.js';
import { mayChangeNothing, resourceKey, type Suspect } from './redundant.js';

// No dots: a replacement's fieldPath could not name the annotation otherwise.
const STAMP = 'kcfg-noop-probe-';

export interface ProbeOptions {
  root: string;
  dir: string;
  walked: Closure;
  engine: Engine;
  processEnv: NodeJS.ProcessEnv;
  /** The real build's resources and output text (undefined when it failed); the probe runs alongside it. */
  rendered: Promise<{ resources: readonly Resource[]; text: string } | undefined>;
}

/**
 * Findings for the entries of `walked` that match nothing or change nothing. Costs one engine run, only when
 * some entry is in doubt; a probe that fails to build reports nothing (the real build decides).
 */
export async function probeNoops(opts: ProbeOptions): Promise<Finding[]> {
  const entries = noopEntries(opts.walked);
  if (entries.length === 0) return [];
  const real = await opts.rendered;
  if (!real) return [];
  const rendered = real.resources;
  const images = unusedImages(entries, real.text);
  const doubtful = entries.filter(
    (e): e is Selecting => e.type === 'select' && !surelyMatches(e, opts.walked, opts.dir, rendered),
  );
  const settled: Finding[] = [];
  const removable: [NoopEntry, Suspect][] = [];
  for (const [e, suspect] of mayChangeNothing(entries, rendered, opts.root)) {
    // What the source and the output agree on needs no proof when nothing else in the build writes that field.
    if (aloneOnItsField(e, entries, opts.walked)) settled.push(changesNothing(e));
    else if (canRemove(e)) removable.push([e, suspect]);
  }
  if (doubtful.length === 0 && removable.length === 0) return [...settled, ...images];
  const plan = new Plan(doubtful, new Map(removable));
  const output = await plan.build(opts);
  if (output === undefined) return [...settled, ...images];
  return [...plan.verdicts(output, opts.walked, rendered), ...settled, ...images];
}

/**
 * An images or replicas entry is the only writer of its field when no other entry names the same image or
 * resource and no patch, replacement or transformer config could write it. Then the value before the entry
 * is the source's, the value after it is the output's, and both being equal means it changed nothing.
 */
function aloneOnItsField(e: NoopEntry, entries: readonly NoopEntry[], walked: Closure): boolean {
  if (e.type !== 'image' && e.type !== 'replicas') return false;
  const field = e.type === 'image' ? 'image' : 'replicas';
  let patches = 0;
  for (const k of walked.kustomizations.values()) {
    for (const other of ['patchesStrategicMerge', 'replacements', 'transformers'])
      if (Array.isArray(k.data[other]) && k.data[other].length > 0) return false;
    for (const list of ['patches', 'patchesJson6902']) if (Array.isArray(k.data[list])) patches += k.data[list].length;
  }
  const read = entries.filter((o) => (o.type === 'select' || o.type === 'named') && o.patch !== undefined);
  // Every patch must have been read, and none may mention the field.
  if (read.length !== patches || read.some((o) => JSON.stringify((o as Selecting).patch).includes(field))) return false;
  return entries.every((o) => {
    if (o === e) return true;
    if (o.type === 'image')
      return e.type !== 'image' || ![o.name, o.newName].some((n) => n === e.name || n === e.newName);
    if (o.type === 'replicas') return e.type !== 'replicas' || o.name !== e.name;
    return true;
  });
}

/** Entries a copy can do without: a patch swapped whole for its twin, an images or replicas item dropped. */
function canRemove(e: NoopEntry): boolean {
  if (e.type === 'select') return e.replaceable;
  if (e.type === 'image') return e.field === 'images';
  return true;
}

class Plan {
  private readonly stamps = new Map<NoopEntry, string>();
  constructor(
    private readonly doubtful: readonly Selecting[],
    /** Entries removed from the copy, with the resources they may leave alone. */
    private readonly removed: ReadonlyMap<NoopEntry, Suspect>,
  ) {}

  private stampOf(e: NoopEntry): string {
    let s = this.stamps.get(e);
    if (!s) this.stamps.set(e, (s = `${STAMP}${this.stamps.size}`));
    return s;
  }

  /** The copy's build output, or undefined when the copy does not build. */
  async build(opts: ProbeOptions): Promise<string | undefined> {
    const copy = makeWrapperDir();
    try {
      for (const file of opts.walked.files) {
        const to = join(copy, file);
        mkdirSync(dirname(to), { recursive: true });
        writeFileSync(to, readFileSync(absolute(opts.root, file)));
      }
      const touched = new Set<Kustomization>([
        ...this.doubtful.map((e) => e.k),
        ...[...this.removed.keys()].map((e) => e.k),
      ]);
      for (const k of touched) writeFileSync(join(copy, k.file), jsYaml.dump(this.edit(k)));
      const ran = await run(opts.engine.binary, buildArgs(opts.engine, join(copy, opts.dir)), opts.processEnv, copy);
      return ran.error ? undefined : ran.stdout;
    } finally {
      removeWrapperDir(copy);
    }
  }

  /** `k`'s data as the copy has it. */
  private edit(k: Kustomization): KObject {
    const data = structuredClone(k.data);
    const dropped = new Set<unknown>();
    const list = (field: string): unknown[] => {
      if (!Array.isArray(data[field])) data[field] = [];
      return data[field];
    };
    for (const e of this.removed.keys()) {
      if (e.k !== k) continue;
      const items = list(e.field);
      if (e.type === 'select' && e.field === 'transformers') items[e.index] = transformerTwin(e, this.stampOf(e));
      else if (e.type === 'select') items[e.index] = { target: e.target, patch: stampPatch(this.stampOf(e)) };
      else if (e.type === 'named') items[e.index] = { patch: namedTwin(e.patch, this.stampOf(e)) };
      else dropped.add(items[e.index]);
    }
    for (const e of this.doubtful) {
      if (e.k !== k || this.removed.has(e)) continue;
      const stamp = this.stampOf(e);
      if (e.field === 'transformers') list('transformers').push(transformerTwin(e, stamp));
      else if (e.replacement) list('replacements').push(replacementTwin(e, stamp));
      else list('patches').push({ target: e.target, patch: stampPatch(stamp) });
    }
    for (const field of ['images', 'replicas'])
      if (Array.isArray(data[field])) data[field] = data[field].filter((x) => !dropped.has(x));
    return data;
  }

  verdicts(output: string, walked: Closure, rendered: readonly Resource[]): Finding[] {
    const { byKey, stamped } = readProbe(output);
    const real = new Map(rendered.map((r) => [resourceKey(r.kind, r.object['metadata']), r]));
    const out: Finding[] = [];
    for (const e of this.doubtful)
      if (!stamped.has(this.stampOf(e)) && !this.removed.has(e)) out.push(matchesNothing(e, walked, rendered));
    for (const [e, suspect] of this.removed) {
      const stamp = this.stamps.get(e);
      const subjects = stamp === undefined ? suspect.keys : [...(stamped.get(stamp) ?? [])];
      if (subjects.length === 0) {
        if (e.type === 'select') out.push(matchesNothing(e, walked, rendered));
        continue;
      }
      // Without the entry, each resource it selects already has what it sets.
      const still = subjects.every((key) => {
        const r = real.get(key);
        const without = byKey.get(key);
        return r !== undefined && without !== undefined && r.kind !== 'Secret' && suspect.test.holds(without, r);
      });
      if (still) out.push(changesNothing(e));
    }
    return out;
  }
}

/** The probe's resources by key, stamps taken off, and which resources carry each stamp. */
function readProbe(output: string): { byKey: Map<string, KObject>; stamped: Map<string, Set<string>> } {
  const byKey = new Map<string, KObject>();
  const stamped = new Map<string, Set<string>>();
  for (const r of buildResources(parseStream(output, '<probe>').documents, 'probe').resources) {
    const key = resourceKey(r.kind, r.object['metadata']);
    const meta = r.object['metadata'];
    const annotations = isObject(meta) ? meta['annotations'] : undefined;
    if (isObject(meta) && isObject(annotations)) {
      for (const name of Object.keys(annotations).filter((a) => a.startsWith(STAMP))) {
        delete annotations[name];
        if (!stamped.has(name)) stamped.set(name, new Set());
        stamped.get(name)!.add(key);
      }
      if (Object.keys(annotations).length === 0) delete meta['annotations'];
    }
    byKey.set(key, r.object);
  }
  return { byKey, stamped };
}

/** A patch that changes nothing but one annotation of whatever its target selects. */
function stampPatch(stamp: string): string {
  return jsYaml.dump({
    apiVersion: 'kcfg.dev/v1',
    kind: 'Probe',
    metadata: { name: 'probe', annotations: { [stamp]: 'matched' } },
  });
}

/** A strategic merge patch naming the same resource as `patch`, that only stamps it. */
function namedTwin(patch: KObject, stamp: string): string {
  const meta = isObject(patch['metadata']) ? patch['metadata'] : {};
  return jsYaml.dump({
    apiVersion: patch['apiVersion'],
    kind: patch['kind'],
    metadata: {
      name: meta['name'],
      ...(meta['namespace'] !== undefined ? { namespace: meta['namespace'] } : {}),
      annotations: { [stamp]: 'matched' },
    },
  });
}

function replacementTwin(e: Selecting, stamp: string): KObject {
  return {
    source: e.replacement!.source,
    targets: [
      {
        select: e.target,
        ...(e.replacement!.reject !== undefined ? { reject: e.replacement!.reject } : {}),
        fieldPaths: [`metadata.annotations.${stamp}`],
        options: { create: true },
      },
    ],
  };
}

/** An inline transformer config with the entry's selector that only stamps. */
function transformerTwin(e: Selecting, stamp: string): string {
  return jsYaml.dump(
    e.replacement
      ? {
          apiVersion: 'builtin',
          kind: 'ReplacementTransformer',
          metadata: { name: stamp },
          replacements: [replacementTwin(e, stamp)],
        }
      : {
          apiVersion: 'builtin',
          kind: 'PatchTransformer',
          metadata: { name: stamp },
          target: e.target,
          patch: stampPatch(stamp),
        },
  );
}

const PLAIN_SELECTOR = new Set(['group', 'version', 'kind', 'name', 'namespace']);

/**
 * Whether a selector certainly matches without asking the engine: it names kind and name only (group,
 * version and namespace as the render has them) and a resource in its layer's view carries that name as the
 * layer sees it. Kustomize matches a resource's current name as well as its original one, so such a selector
 * matches; anything else is left to the probe build.
 */
function surelyMatches(e: Selecting, walked: Closure, envDir: string, rendered: readonly Resource[]): boolean {
  const t = e.target;
  if (typeof t['name'] !== 'string' || Object.keys(t).some((k) => !PLAIN_SELECTOR.has(k))) return false;
  const top = walked.kustomizations.get(envDir);
  const components = Array.isArray(top?.data['components']) ? top.data['components'] : [];
  const topLike = e.k === top || components.some((c) => typeof c === 'string' && joinDir(envDir, c) === e.k.dir);
  const renames = [...walked.kustomizations.values()].some((k) => k.data['namePrefix'] || k.data['nameSuffix']);
  // At the top every rendered resource is in view, named as rendered less the top's own prefix and suffix. In
  // a lower layer, only when nothing is renamed anywhere, and only resources that came from below that layer.
  // A transformer config runs after the layer's own prefix and suffix: left to the probe.
  if (e.field === 'transformers') return false;
  let within: ((r: Resource) => boolean) | undefined;
  if (!topLike) {
    if (renames) return false;
    const dir = e.k.dir === '.' ? '' : `${e.k.dir}/`;
    within = (r) => r.origin?.type === 'file' && r.origin.file.startsWith(dir);
  }
  const prefix = topLike && typeof top?.data['namePrefix'] === 'string' ? top.data['namePrefix'] : '';
  const suffix = topLike && typeof top?.data['nameSuffix'] === 'string' ? top.data['nameSuffix'] : '';
  return rendered.some((r) => {
    if (within && !within(r)) return false;
    if (typeof t['kind'] === 'string' && r.kind !== t['kind']) return false;
    if (typeof t['group'] === 'string' && r.id.group !== t['group']) return false;
    if (typeof t['version'] === 'string' && r.id.version !== t['version']) return false;
    if (typeof t['namespace'] === 'string' && r.id.namespace !== t['namespace']) return false;
    const n = r.id.name;
    if (!n.startsWith(prefix) || !n.endsWith(suffix) || n.length < prefix.length + suffix.length) return false;
    return n.slice(prefix.length, n.length - suffix.length) === t['name'];
  });
}

function joinDir(dir: string, rel: string): string {
  return posix.normalize(posix.join(dir, rel)).replace(/\/$/, '');
}
