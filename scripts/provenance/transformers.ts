// Kustomization fields that set values without a patch: `replicas`, `images`, `namespace`, `namePrefix` /
// `nameSuffix`, `labels` / `commonLabels` and `commonAnnotations`. Each returns the offset, in the
// kustomization file, of the entry that set the pointer in this layer.

import { isMap, isSeq } from '../resources/yaml-lazy.js';
import { getNode, getScalar, keyOffset, nodeStart, scalarValue, type Segment } from './path.js';
import type { Subject } from './subject.js';

const CONTAINER_LISTS = new Set(['containers', 'initContainers', 'ephemeralContainers']);

/** The rendered pointer as plain segments (indices as strings). */
export function plain(segs: readonly Segment[]): string[] {
  return segs.map((s) => (s.kind === 'key' ? s.key : String(s.index)));
}

export function replicasEntry(root: unknown, subject: Subject, path: string[]): number | undefined {
  if (path.join('/') !== 'spec/replicas') return undefined;
  const entries = getNode(root, 'replicas');
  if (!isSeq(entries)) return undefined;
  for (let i = entries.items.length - 1; i >= 0; i--) {
    const e = entries.items[i];
    const name = getScalar(e, 'name');
    if (name !== undefined && subject.names.has(name)) return keyOffset(e, 'count') ?? nodeStart(e);
  }
  return undefined;
}

/** Is the pointer a container's `image` field? */
export function isImagePointer(path: string[]): boolean {
  const n = path.length;
  return n >= 3 && path[n - 1] === 'image' && /^\d+$/.test(path[n - 2]) && CONTAINER_LISTS.has(path[n - 3]);
}

/** Registry/repository part of an image reference, without tag or digest. */
export function imageName(ref: string): string {
  const at = ref.indexOf('@');
  const noDigest = at < 0 ? ref : ref.slice(0, at);
  const colon = noDigest.lastIndexOf(':');
  return colon > noDigest.lastIndexOf('/') ? noDigest.slice(0, colon) : noDigest;
}

/**
 * Names an image may have gone by in a layer: the base name, plus every `newName` an inner layer's entry gave
 * it. Call with layers innermost first.
 */
export function growImageNames(root: unknown, names: Set<string>): void {
  for (const e of seqOf(getNode(root, 'images'))) growImageName(e, names);
}

/** One image entry (an `images` item, or an ImageTagTransformer's `imageTag`): its `newName` joins `names`. */
export function growImageName(entry: unknown, names: Set<string>): void {
  const name = getScalar(entry, 'name');
  const newName = getScalar(entry, 'newName');
  if (name !== undefined && names.has(name) && newName !== undefined) names.add(newName);
}

/** The `images` entry that set the image: its digest or newTag line, else its newName line. */
export function imagesEntry(root: unknown, names: Set<string>): number | undefined {
  const entries = seqOf(getNode(root, 'images'));
  for (let i = entries.length - 1; i >= 0; i--) {
    const at = imageEntryOffset(entries[i], names);
    if (at !== undefined) return at;
  }
  return undefined;
}

/** Where one image entry set an image called one of `names`: digest, else newTag, else newName. */
export function imageEntryOffset(entry: unknown, names: Set<string>): number | undefined {
  const name = getScalar(entry, 'name');
  if (name === undefined || !names.has(name)) return undefined;
  return keyOffset(entry, 'digest') ?? keyOffset(entry, 'newTag') ?? keyOffset(entry, 'newName');
}

export function namespaceEntry(root: unknown, subject: Subject, path: string[]): number | undefined {
  if (getScalar(root, 'namespace') === undefined) return undefined;
  const p = path.join('/');
  if (p === 'metadata/namespace') return keyOffset(root, 'namespace');
  // Bindings' ServiceAccount subjects follow the namespace transformer too.
  if ((subject.kind === 'RoleBinding' || subject.kind === 'ClusterRoleBinding') && /^subjects\/\d+\/namespace$/.test(p))
    return keyOffset(root, 'namespace');
  return undefined;
}

export function nameAffixEntry(root: unknown, renderedName: string, path: string[]): number | undefined {
  if (path.join('/') !== 'metadata/name') return undefined;
  const suffix = getScalar(root, 'nameSuffix');
  if (suffix && renderedName.includes(suffix)) return keyOffset(root, 'nameSuffix');
  const prefix = getScalar(root, 'namePrefix');
  if (prefix && renderedName.startsWith(prefix)) return keyOffset(root, 'namePrefix');
  return undefined;
}

type LabelPlace = 'metadata' | 'template' | 'selector';

function labelPlace(subject: Subject, path: string[]): { place: LabelPlace; key: string } | undefined {
  const n = path.length;
  if (n < 2) return undefined;
  const key = path[n - 1];
  const parent = path.slice(0, n - 1).join('/');
  if (parent === 'metadata/labels') return { place: 'metadata', key };
  if (parent.endsWith('metadata/labels')) return { place: 'template', key };
  if (parent.endsWith('selector/matchLabels') || (subject.kind === 'Service' && parent === 'spec/selector'))
    return { place: 'selector', key };
  return undefined;
}

export function labelsEntry(root: unknown, subject: Subject, path: string[]): number | undefined {
  const where = labelPlace(subject, path);
  if (!where) return undefined;
  const labels = seqOf(getNode(root, 'labels'));
  for (let i = labels.length - 1; i >= 0; i--) {
    const entry = labels[i];
    const selectors = scalarValue(getNode(entry, 'includeSelectors')) === 'true';
    const templates = scalarValue(getNode(entry, 'includeTemplates')) === 'true';
    const applies = where.place === 'metadata' || selectors || (where.place === 'template' && templates);
    if (!applies) continue;
    const at = keyOffset(getNode(entry, 'pairs'), where.key);
    if (at !== undefined) return at;
  }
  return keyOffset(getNode(root, 'commonLabels'), where.key);
}

export function annotationsEntry(root: unknown, path: string[]): number | undefined {
  const n = path.length;
  if (n < 3 || path[n - 2] !== 'annotations' || path[n - 3] !== 'metadata') return undefined;
  return keyOffset(getNode(root, 'commonAnnotations'), path[n - 1]);
}

export function seqOf(node: unknown): readonly unknown[] {
  return isSeq(node) ? node.items.filter((i) => isMap(i)) : [];
}
