// The resource model every stage after render works on.

import type { Diagnostic, ResourceId, SourceLocation } from './diagnostic.js';

export type JsonValue = null | boolean | number | string | JsonValue[] | { [k: string]: JsonValue };
export type KObject = { [k: string]: JsonValue };

/** One YAML document inside a file or a rendered stream; positions inside it are computed lazily. */
export interface SourceDocument {
  /** Repository-relative path, `<stdin>`, or `<rendered:ENV>` for an engine's output. */
  file: string;
  /** The whole text the document was cut from (shared, not copied). */
  text: string;
  /** Character offsets of the document inside `text`. */
  start: number;
  end: number;
  /** 1-based line of `start`. */
  line: number;
  /** Index of the document in its file. */
  index: number;
  /** Where the object sits inside the document when it is not the whole of it (`/items/3` of a `kind: List`). */
  pointer?: string;
}

/** Where Kustomize says a resource came from (`config.kubernetes.io/origin`), resolved to repository paths. */
export type Origin =
  { type: 'file'; file: string } | { type: 'generator'; kustomization: string; generator: string; ref?: string };

export interface Environment {
  name: string;
  /** Repository-relative directory of the overlay (kustomization root). */
  dir: string;
  /** Target Kubernetes minor version, e.g. `1.32`. */
  kubernetesVersion: string;
  /** The cluster's Pod Security admission defaults, for namespaces without labels (kcfg.yaml `podSecurity`). */
  podSecurity?: ClusterPodSecurity;
}

export type PodSecurityLevel = 'privileged' | 'baseline' | 'restricted';

/** What the cluster's AdmissionConfiguration for PodSecurity sets: a level and version per mode, and exemptions. */
export interface ClusterPodSecurity {
  enforce?: PodSecurityLevel;
  enforceVersion?: string;
  warn?: PodSecurityLevel;
  warnVersion?: string;
  audit?: PodSecurityLevel;
  auditVersion?: string;
  /** Namespaces the admission controller does not evaluate (its `exemptions.namespaces`). */
  exemptNamespaces?: string[];
}

export interface Resource {
  id: ResourceId;
  apiVersion: string;
  kind: string;
  /** The object as the API server would receive it (Kustomize build annotations removed). */
  object: KObject;
  /** Environment name, or the input file for plain validation. */
  env: string;
  /** Where the document sits in the rendered stream or input file. */
  rendered: SourceDocument;
  origin?: Origin;
}

/**
 * A finding before locations are attached. Checks produce these; `locate` turns the subject and pointer
 * into the source line to edit.
 */
export interface Finding extends Omit<Diagnostic, 'environments' | 'source' | 'rendered' | 'resource'> {
  subject?: Resource;
  /** Set when the finding concerns a file rather than a rendered resource (e.g. a kustomization.yaml key). */
  source?: SourceLocation;
  /**
   * A position inside the string at `pointer` (1-based line and column of its content), for an error inside
   * an embedded language such as a PromQL expression: the finding then points at that line of the file.
   */
  within?: { line: number; column: number };
}

/** Maps a pointer inside a resource to the line a person should edit, and to its rendered position. */
export interface Locator {
  locate(resource: Resource, pointer: string): { source?: SourceLocation; rendered?: SourceLocation };
  /** The text of a repository file the locator pointed into, when it can read it. */
  text?(file: string): string | undefined;
}

export function splitApiVersion(apiVersion: string): { group: string; version: string } {
  const slash = apiVersion.indexOf('/');
  return slash < 0
    ? { group: '', version: apiVersion }
    : { group: apiVersion.slice(0, slash), version: apiVersion.slice(slash + 1) };
}

export function isObject(v: unknown): v is { [k: string]: JsonValue } {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** RFC 6901 helpers. */
export function escapePointer(segment: string | number): string {
  return String(segment).replace(/~/g, '~0').replace(/\//g, '~1');
}

export function joinPointer(...segments: (string | number)[]): string {
  return segments.map((s) => `/${escapePointer(s)}`).join('');
}

export function parsePointer(pointer: string): string[] {
  if (pointer === '' || pointer === '/') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

export function getAt(obj: JsonValue | undefined, pointer: string): JsonValue | undefined {
  let cur: JsonValue | undefined = obj;
  for (const seg of parsePointer(pointer)) {
    if (Array.isArray(cur)) cur = cur[Number(seg)];
    else if (isObject(cur)) cur = cur[seg];
    else return undefined;
  }
  return cur;
}
