// Kustomize's best-known silent failure: a `patches` entry (or a replacement target) whose selector matches
// nothing is skipped without a word, and the change its author meant never ships. Target matching is the
// engine's, so kcfg asks the engine: selectors that plainly match a rendered resource are settled at once; for
// the others, one more build of a copy of the environment's files in which each such entry has a twin with the
// same selector that only stamps an annotation. A twin whose stamp is on no resource means its entry matched
// nothing. `images` entries are judged from the rendered output: the image an entry names must appear.

import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, posix } from 'node:path';
import jsYaml from 'js-yaml';
import { problem } from '../codes/index.js';
import type { Finding, KObject, Resource } from '../core/resource.js';
import { isObject } from '../core/resource.js';
import { closest } from '../core/suggest.js';
import { parseYamlText } from '../schemas/tool-file.js';
import type { Closure } from '../workspace/closure.js';
import { absolute } from '../workspace/paths.js';
import type { Kustomization } from '../workspace/kustomization.js';
import { buildArgs, run, type Engine } from './engine.js';
import { makeWrapperDir, removeWrapperDir } from './lifecycle.js';

// No dots: a replacement's fieldPath could not name the annotation otherwise.
const STAMP = 'kcfg-noop-probe-';

interface Targeted {
  k: Kustomization;
  /** Where the selector sits in the kustomization: `/patches/2/target`, `/replacements/0/targets/1/select`. */
  at: string;
  target: KObject;
  /** For a replacement target: its entry's source and the target's reject list. */
  replacement?: { source: KObject; reject?: unknown };
}

/**
 * `patches` entries with a `target` selector and the targets of inline `replacements`, in every kustomization
 * the environment reads. (A patch without a target, a replicas entry or a replacement source that matches
 * nothing already fails the build.)
 */
function selectors(walked: Closure): Targeted[] {
  const out: Targeted[] = [];
  for (const k of walked.kustomizations.values()) {
    const patches = k.data['patches'];
    if (Array.isArray(patches))
      patches.forEach((p, i) => {
        if (isObject(p) && isObject(p['target'])) out.push({ k, at: `/patches/${i}/target`, target: p['target'] });
      });
    const replacements = k.data['replacements'];
    if (Array.isArray(replacements))
      replacements.forEach((r, i) => {
        if (!isObject(r) || !isObject(r['source']) || !Array.isArray(r['targets'])) return;
        const source = r['source'];
        r['targets'].forEach((t, j) => {
          if (isObject(t) && isObject(t['select']))
            out.push({
              k,
              at: `/replacements/${i}/targets/${j}/select`,
              target: t['select'],
              replacement: { source, ...(t['reject'] !== undefined ? { reject: t['reject'] } : {}) },
            });
        });
      });
  }
  return out;
}

/**
 * Findings for the targeted patches of `walked` that select no resource. Costs one engine run, only when the
 * environment has such patches; a probe that fails to build reports nothing (the real build decides).
 */
export async function unmatchedPatches(opts: {
  root: string;
  dir: string;
  walked: Closure;
  engine: Engine;
  processEnv: NodeJS.ProcessEnv;
  /** The real build's resources (for "did you mean"); the probe runs alongside that build. */
  rendered: Promise<readonly Resource[]>;
}): Promise<Finding[]> {
  const all = selectors(opts.walked);
  if (all.length === 0) return [];
  // Most selectors plainly match a rendered resource; only the others are worth a second build.
  const rendered = await opts.rendered;
  const entries = all.filter((e) => !surelyMatches(e, opts.walked, opts.dir, rendered));
  if (entries.length === 0) return [];
  const copy = makeWrapperDir();
  let output: string;
  try {
    for (const file of opts.walked.files) {
      const to = join(copy, file);
      mkdirSync(dirname(to), { recursive: true });
      writeFileSync(to, readFileSync(absolute(opts.root, file)));
    }
    const byFile = new Map<Kustomization, Targeted[]>();
    for (const e of entries) byFile.set(e.k, [...(byFile.get(e.k) ?? []), e]);
    let n = 0;
    const stamps = new Map<Targeted, string>();
    for (const [k, list] of byFile) {
      const data = structuredClone(k.data);
      for (const e of list) {
        const stamp = `${STAMP}${n++}`;
        stamps.set(e, stamp);
        if (e.replacement)
          (data['replacements'] as unknown[]).push({
            source: e.replacement.source,
            targets: [
              {
                select: e.target,
                ...(e.replacement.reject !== undefined ? { reject: e.replacement.reject } : {}),
                fieldPaths: [`metadata.annotations.${stamp}`],
                options: { create: true },
              },
            ],
          });
        else (data['patches'] as unknown[]).push({ target: e.target, patch: twin(stamp) });
      }
      writeFileSync(join(copy, k.file), jsYaml.dump(data));
    }
    const ran = await run(opts.engine.binary, buildArgs(opts.engine, join(copy, opts.dir)), opts.processEnv, copy);
    if (ran.error) return [];
    output = ran.stdout;
    return entries.filter((e) => !output.includes(`${stamps.get(e)}:`)).map((e) => finding(e, opts.walked, rendered));
  } finally {
    removeWrapperDir(copy);
  }
}

const PLAIN_SELECTOR = new Set(['group', 'version', 'kind', 'name', 'namespace']);

/**
 * Whether a selector certainly matches without asking the engine: it names kind and name only (group,
 * version and namespace as the render has them) and a resource in its layer's view carries that name as the
 * layer sees it. Kustomize matches a resource's current name as well as its original one, so such a selector
 * matches; anything else is left to the probe build.
 */
function surelyMatches(e: Targeted, walked: Closure, envDir: string, rendered: readonly Resource[]): boolean {
  const t = e.target;
  if (typeof t['name'] !== 'string' || Object.keys(t).some((k) => !PLAIN_SELECTOR.has(k))) return false;
  const top = walked.kustomizations.get(envDir);
  const components = Array.isArray(top?.data['components']) ? top.data['components'] : [];
  const topLike = e.k === top || components.some((c) => typeof c === 'string' && joinDir(envDir, c) === e.k.dir);
  const renames = [...walked.kustomizations.values()].some((k) => k.data['namePrefix'] || k.data['nameSuffix']);
  // At the top every rendered resource is in view, named as rendered less the top's own prefix and suffix. In
  // a lower layer, only when nothing is renamed anywhere, and only resources that came from below that layer.
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

/** A patch that changes nothing but one annotation of whatever its target selects. */
function twin(stamp: string): string {
  return jsYaml.dump({
    apiVersion: 'kcfg.dev/v1',
    kind: 'Probe',
    metadata: { name: 'probe', annotations: { [stamp]: 'matched' } },
  });
}

/** Rendered names, and the same with every namePrefix/nameSuffix of the graph taken off (a target names a resource as its own layer sees it). */
function candidateNames(walked: Closure, rendered: readonly Resource[], kind: string | undefined): Set<string> {
  const prefixes: string[] = [];
  const suffixes: string[] = [];
  for (const k of walked.kustomizations.values()) {
    if (typeof k.data['namePrefix'] === 'string' && k.data['namePrefix']) prefixes.push(k.data['namePrefix']);
    if (typeof k.data['nameSuffix'] === 'string' && k.data['nameSuffix']) suffixes.push(k.data['nameSuffix']);
  }
  const out = new Set<string>();
  for (const r of rendered) {
    if (kind !== undefined && r.kind !== kind) continue;
    let name = r.id.name;
    out.add(name);
    for (const p of prefixes) if (name.startsWith(p)) out.add((name = name.slice(p.length)));
    for (const x of suffixes) if (name.endsWith(x)) out.add((name = name.slice(0, -x.length)));
  }
  return out;
}

function finding(e: Targeted, walked: Closure, rendered: readonly Resource[]): Finding {
  const t = e.target;
  const kind = typeof t['kind'] === 'string' ? t['kind'] : undefined;
  const name = typeof t['name'] === 'string' ? t['name'] : undefined;
  const selector = Object.entries(t)
    .map(([k, v]) => `${k}=${String(v)}`)
    .join(', ');
  const candidates = candidateNames(walked, rendered, kind);
  candidates.delete(name ?? '');
  // The closest spelling; else a name that differs by a whole prefix or suffix (a rename in another layer).
  const near =
    name === undefined
      ? undefined
      : (closest(name, candidates) ??
        [...candidates].find(
          (c) =>
            c.endsWith(`-${name}`) || c.startsWith(`${name}-`) || name.startsWith(`${c}-`) || name.endsWith(`-${c}`),
        ));
  const pointer = `${e.at}${name !== undefined ? '/name' : ''}`;
  return {
    ...problem('kustomization/patch-matches-nothing', {
      entry: e.replacement ? 'replacement target' : 'patch target',
      selector,
      ...(near ? { near } : {}),
    }),
    source: parseYamlText(e.k.text, e.k.file).locate(pointer) ?? { file: e.k.file, line: 1, column: 1 },
  };
}

/**
 * `images` entries whose image appears in no rendered resource: the entry changed nothing (a typo, or an
 * image renamed by an earlier layer).
 */
export function unusedImageEntries(walked: Closure, renderedText: string): Finding[] {
  const out: Finding[] = [];
  for (const k of walked.kustomizations.values()) {
    const images = k.data['images'];
    if (!Array.isArray(images)) continue;
    images.forEach((img, i) => {
      if (!isObject(img) || typeof img['name'] !== 'string') return;
      const wanted = [img['name'], typeof img['newName'] === 'string' ? img['newName'] : undefined].filter(
        (x): x is string => !!x,
      );
      if (wanted.some((w) => imageAppears(renderedText, w))) return;
      const pointer = `/images/${i}/name`;
      out.push({
        ...problem('kustomization/image-matches-nothing', { image: img['name'] }),
        source: parseYamlText(k.text, k.file).locate(pointer) ?? { file: k.file, line: 1, column: 1 },
      });
    });
  }
  return out;
}

/** Whether `name` is the image (with or without tag or digest) of some `image:` field of the output. */
function imageAppears(text: string, name: string): boolean {
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`image:\\s*["']?${escaped}(?:[:@][^\\s"']*)?["']?\\s*$`, 'm').test(text);
}
