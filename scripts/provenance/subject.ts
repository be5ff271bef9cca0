// What a patch target or transformer entry can match a resource by, as Kustomize matches it: a name or
// namespace may be the original one (in the base file) or the current one at that layer, and labels or
// annotations may have been added on the way, so every known variant is kept.

import { isObject, splitApiVersion, type JsonValue, type KObject } from '../core/resource.js';

export interface Subject {
  group: string;
  version: string;
  kind: string;
  names: Set<string>;
  /** Namespaces the resource had ('' for none). */
  namespaces: Set<string>;
  labels: Record<string, string>[];
  annotations: Record<string, string>[];
  /** The rendered object. */
  object: KObject;
}

export interface Selector {
  group?: string;
  version?: string;
  kind?: string;
  name?: string;
  namespace?: string;
  labelSelector?: string;
  annotationSelector?: string;
}

export function toSelector(v: JsonValue | undefined): Selector | undefined {
  if (!isObject(v)) return undefined;
  const sel: Selector = {};
  for (const k of ['group', 'version', 'kind', 'name', 'namespace', 'labelSelector', 'annotationSelector'] as const) {
    const x = v[k];
    if (typeof x === 'string' || typeof x === 'number') sel[k] = String(x);
  }
  return sel;
}

/** Kustomize anchors selector fields as regular expressions: `^(?:value)$`. */
function matches(pattern: string | undefined, values: Iterable<string>): boolean {
  if (pattern === undefined || pattern === '') return true;
  let re: RegExp;
  try {
    re = new RegExp(`^(?:${pattern})$`);
  } catch {
    for (const v of values) if (v === pattern) return true;
    return false;
  }
  for (const v of values) if (re.test(v)) return true;
  return false;
}

export function selectorMatches(sel: Selector, s: Subject): boolean {
  const namespaces = [...s.namespaces].flatMap((n) => (n === '' ? ['', 'default'] : [n]));
  return (
    matches(sel.group, [s.group]) &&
    matches(sel.version, [s.version]) &&
    matches(sel.kind, [s.kind]) &&
    matches(sel.name, s.names) &&
    matches(sel.namespace, namespaces) &&
    (!sel.labelSelector || s.labels.some((l) => labelSelectorMatches(sel.labelSelector!, l))) &&
    (!sel.annotationSelector || s.annotations.some((a) => labelSelectorMatches(sel.annotationSelector!, a)))
  );
}

/** The patch document's own identity (a strategic merge patch without `target`). */
export function identityMatches(
  apiVersion: string | undefined,
  kind: string | undefined,
  name: string | undefined,
  namespace: string | undefined,
  s: Subject,
): boolean {
  if (kind !== s.kind || name === undefined || !s.names.has(name)) return false;
  if (apiVersion) {
    const { group } = splitApiVersion(apiVersion);
    if (group !== s.group) return false;
  }
  return namespace === undefined || s.namespaces.has(namespace) || (namespace === 'default' && s.namespaces.has(''));
}

/** Kubernetes label-selector string syntax: `a=b`, `a==b`, `a!=b`, `a`, `!a`, `a in (x,y)`, `a notin (x)`. */
export function labelSelectorMatches(selector: string, labels: Record<string, string>): boolean {
  for (const raw of splitRequirements(selector)) {
    const req = raw.trim();
    if (req === '') continue;
    const set = /^([^\s!=]+)\s+(in|notin)\s*\(([^)]*)\)$/.exec(req);
    if (set) {
      const values = set[3].split(',').map((v) => v.trim());
      const has = Object.prototype.hasOwnProperty.call(labels, set[1]);
      const inSet = has && values.includes(labels[set[1]]);
      if (set[2] === 'in' ? !inSet : inSet) return false;
      continue;
    }
    const ne = /^([^\s!=]+)\s*!=\s*(\S*)$/.exec(req);
    if (ne) {
      if (labels[ne[1]] === ne[2]) return false;
      continue;
    }
    const eq = /^([^\s!=]+)\s*==?\s*(\S*)$/.exec(req);
    if (eq) {
      if (labels[eq[1]] !== eq[2]) return false;
      continue;
    }
    const not = /^!\s*(\S+)$/.exec(req);
    if (not) {
      if (Object.prototype.hasOwnProperty.call(labels, not[1])) return false;
      continue;
    }
    if (!Object.prototype.hasOwnProperty.call(labels, req)) return false;
  }
  return true;
}

function splitRequirements(selector: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < selector.length; i++) {
    const c = selector[i];
    if (c === '(') depth++;
    else if (c === ')') depth = Math.max(0, depth - 1);
    else if (c === ',' && depth === 0) {
      out.push(selector.slice(start, i));
      start = i + 1;
    }
  }
  out.push(selector.slice(start));
  return out;
}

export function stringMap(v: JsonValue | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  if (isObject(v)) for (const [k, x] of Object.entries(v)) if (typeof x === 'string') out[k] = x;
  return out;
}
