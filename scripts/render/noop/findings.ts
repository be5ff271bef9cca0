// Findings about silent no-ops, at the line to edit, with the closest name that exists.

import { problem } from '../../codes/index.js';
import type { Finding, KObject, Resource } from '../../core/resource.js';
import { isObject } from '../../core/resource.js';
import { closest } from '../../core/suggest.js';
import { parseYamlText } from '../../schemas/tool-file.js';
import type { Closure } from '../../workspace/closure.js';
import type { EntryPlace, ImageEntry, NoopEntry, Selecting } from './entries.js';

function at(place: EntryPlace): Finding['source'] {
  try {
    return parseYamlText(place.text, place.file).locate(place.pointer) ?? { file: place.file, line: 1, column: 1 };
  } catch {
    return { file: place.file, line: 1, column: 1 };
  }
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

export function matchesNothing(e: Selecting, walked: Closure, rendered: readonly Resource[]): Finding {
  const t = e.target;
  const kind = typeof t['kind'] === 'string' ? t['kind'] : undefined;
  const name = typeof t['name'] === 'string' ? t['name'] : undefined;
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
  return {
    ...problem('kustomization/patch-matches-nothing', {
      entry: e.label,
      selector: selectorText(t),
      ...(near ? { near } : {}),
    }),
    source: at(e.place),
  };
}

export function changesNothing(e: NoopEntry): Finding {
  return { ...problem('kustomization/entry-changes-nothing', { entry: describe(e) }), source: at(e.place) };
}

/** `kind=Deployment, name=api`: a selector as written. */
function selectorText(t: KObject): string {
  return Object.entries(t)
    .map(([k, v]) => `${k}=${String(v)}`)
    .join(', ');
}

function describe(e: NoopEntry): string {
  switch (e.type) {
    case 'select':
      return `${e.label === 'patch target' ? 'patch' : e.label.replace(/ target$/, '')} for ${selectorText(e.target)}`;
    case 'named': {
      const meta = e.patch['metadata'];
      return `patch of ${String(e.patch['kind'])} ${String(isObject(meta) ? meta['name'] : undefined)}`;
    }
    case 'image':
      return `${e.label} ${e.name}`;
    case 'replicas':
      return `replicas entry ${e.name} (count ${e.count})`;
  }
}

/**
 * Images entries (and ImageTagTransformer configs) whose image appears in no rendered resource: the entry
 * changed nothing (a typo, or an image renamed by an earlier layer).
 */
export function unusedImages(entries: readonly NoopEntry[], renderedText: string): Finding[] {
  return entries
    .filter((e): e is ImageEntry => e.type === 'image')
    .filter((e) => ![e.name, e.newName].some((w) => w !== undefined && imageAppears(renderedText, w)))
    .map((e) => ({ ...problem('kustomization/image-matches-nothing', { image: e.name }), source: at(e.place) }));
}

/** Whether `name` is the image (with or without tag or digest) of some `image:` field of the output. */
function imageAppears(text: string, name: string): boolean {
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`image:\\s*["']?${escaped}(?:[:@][^\\s"']*)?["']?\\s*$`, 'm').test(text);
}
