// Kustomize's best-known silent failure: a `patches` entry (or a replacement target) whose selector matches
// nothing is skipped without a word, and the change its author meant never ships. Target matching is the engine's, so kcfg asks the engine:
// one more build of a copy of the environment's files in which every targeted patch has a twin with the same
// target that only stamps an annotation. A twin whose stamp is on no resource means its entry matched nothing.
// `images` entries are judged from the rendered output: an image the entry rewrote (or names) must appear.

import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
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
  const entries = selectors(opts.walked);
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
    const unmatched = entries.filter((e) => !output.includes(`${stamps.get(e)}:`));
    if (unmatched.length === 0) return [];
    const rendered = await opts.rendered;
    return unmatched.map((e) => finding(e, opts.walked, rendered));
  } finally {
    removeWrapperDir(copy);
  }
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
  // A name a lower layer prefixed or suffixed is the likeliest meaning; else the closest spelling.
  const near =
    name === undefined
      ? undefined
      : ([...candidates].find((c) => c.endsWith(`-${name}`) || c.startsWith(`${name}-`)) ?? closest(name, candidates));
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
