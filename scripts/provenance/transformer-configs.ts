// Builtin transformer configurations listed in a kustomization's `transformers` field, as inline YAML strings
// or files (one configuration per document). Kustomize loads every inline entry first and then the files, each
// group in listed order, and runs them after all of the kustomization's own fields. Directories (kustomizations
// that produce configurations), remote entries and plugins are not followed: provenance skips them.

import type { Node } from 'yaml';
import { isMap, isSeq } from '../resources/yaml-lazy.js';
import { isRemote, type Kustomization } from '../workspace/kustomization.js';
import { joinRel } from '../workspace/paths.js';
import { getNode, getScalar, scalarValue } from './path.js';
import { patchEntry, strategicPatch, type Patch } from './patches.js';
import { embeddedSource, type SourceCache, type YamlSource } from './yaml-source.js';

export interface TransformerConfig {
  kind: string;
  /** The configuration's YAML map. */
  body: unknown;
  source: YamlSource;
  /** The kustomization's directory: paths inside a configuration are relative to it, not to the config file. */
  dir: string;
  /** What a patch transformer applies, in its order; empty for other kinds. */
  patches: Patch[];
}

/** The layer's transformer configurations in the order Kustomize runs them. */
export function layerTransformers(k: Kustomization, files: SourceCache): TransformerConfig[] {
  const host = files.kustomization(k);
  const list = getNode(host.docs[0]?.contents, 'transformers');
  if (!isSeq(list)) return [];
  const inline: YamlSource[] = [];
  const fromFiles: YamlSource[] = [];
  for (const item of list.items) {
    const text = scalarValue(item);
    if (text === undefined) continue;
    // Kustomize reads an entry as configuration when it parses as resources, and as a path otherwise.
    const embedded = embeddedSource(host, item as Node);
    if (embedded?.docs.some((d) => isMap(d.contents))) inline.push(embedded);
    else if (!isRemote(text.trim())) {
      const file = files.get(joinRel(k.dir, text.trim()));
      if (file) fromFiles.push(file);
    }
  }
  const out: TransformerConfig[] = [];
  for (const source of [...inline, ...fromFiles]) {
    for (const doc of source.docs) {
      const body = doc.contents;
      const kind = getScalar(body, 'kind');
      // Anything but `apiVersion: builtin` is a plugin, which kcfg never enables.
      if (!isMap(body) || kind === undefined || getScalar(body, 'apiVersion') !== 'builtin') continue;
      out.push({ kind, body, source, dir: k.dir, patches: configPatches(kind, body, source, k.dir, files) });
    }
  }
  return out;
}

function configPatches(kind: string, body: unknown, source: YamlSource, dir: string, files: SourceCache): Patch[] {
  const one = (p: Patch | undefined): Patch[] => (p ? [p] : []);
  switch (kind) {
    case 'PatchTransformer':
      return one(patchEntry(body, source, dir, files));
    case 'PatchJson6902Transformer':
      return one(patchEntry(body, source, dir, files, 'json6902', 'jsonOp'));
    case 'PatchStrategicMergeTransformer': {
      // `paths` (each a file, or a patch written in place) are loaded before the `patches` string.
      const paths = getNode(body, 'paths');
      const out = (isSeq(paths) ? paths.items : []).flatMap((item) => one(strategicPatch(item, source, dir, files)));
      const inline = getNode(body, 'patches');
      const embedded = inline ? embeddedSource(source, inline as Node) : undefined;
      if (embedded) out.push({ type: 'smp', source: embedded });
      return out;
    }
    default:
      return [];
  }
}
