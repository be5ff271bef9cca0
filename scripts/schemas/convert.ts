// OpenAPI 3.0 schema (Kubernetes built-in or CRD openAPIV3Schema) → strict JSON Schema for ajv.
// Descriptions and defaults are dropped; objects that list properties reject unknown ones unless the
// Kubernetes extensions say otherwise; CEL rules are lifted out (ajv cannot run them) with the pointer
// pattern of the value they bind `self` to.

import { escapePointer } from '../core/resource.js';
import { toJsPattern } from './pattern.js';
import { KEPT_FORMATS } from './formats.js';

export type Schema = { [k: string]: unknown };

export interface CelRule {
  rule: string;
  message?: string;
  messageExpression?: string;
  /** Path (JSONPath-like, e.g. `.spec.foo`) relative to `self` that the API server would blame. */
  fieldPath?: string;
}

/** Rules attached to one schema node; `path` is a pointer pattern where `*` is any list index or map key. */
export interface CelRuleSet {
  path: string;
  rules: CelRule[];
}

export interface ConvertOptions {
  /** Prefix that `#/components/schemas/<name>` refs are rewritten to. */
  refPrefix?: string;
  /** When given, `x-kubernetes-validations` are collected here. */
  cel?: CelRuleSet[];
}

const COMPONENT_REF = '#/components/schemas/';

/** Keywords copied unchanged: they mean the same in OpenAPI 3.0 and JSON Schema draft-07. */
const PLAIN = [
  'type',
  'enum',
  'pattern',
  'minimum',
  'maximum',
  'minLength',
  'maxLength',
  'minItems',
  'maxItems',
  'uniqueItems',
  'minProperties',
  'maxProperties',
  'multipleOf',
  'required',
] as const;

export function toStrictSchema(node: unknown, opts: ConvertOptions = {}): Schema {
  return convert(node, opts.refPrefix ?? '#/definitions/', opts.cel, '', false);
}

function convert(node: unknown, refPrefix: string, cel: CelRuleSet[] | undefined, path: string, inJunctor: boolean): Schema {
  if (!isSchema(node)) return {};
  const ref = node['$ref'];
  if (typeof ref === 'string') return { $ref: rewriteRef(ref, refPrefix) };

  const out: Schema = {};
  for (const k of PLAIN) if (node[k] !== undefined) out[k] = node[k];
  if (typeof out['pattern'] === 'string') {
    const js = toJsPattern(out['pattern']);
    if (js === undefined) delete out['pattern'];
    else out['pattern'] = js;
  }
  if (typeof node['format'] === 'string' && KEPT_FORMATS.has(node['format'])) out['format'] = node['format'];
  for (const bound of ['Minimum', 'Maximum'] as const) {
    // OpenAPI 3.0 flags the bound as exclusive; draft-07 carries the number itself.
    const flag = node[`exclusive${bound}`];
    const limit = node[bound.toLowerCase()];
    if (flag === true && typeof limit === 'number') {
      out[`exclusive${bound}`] = limit;
      delete out[bound.toLowerCase()];
    }
  }

  const props = node['properties'];
  if (isSchema(props)) {
    const converted: Schema = {};
    for (const key of Object.keys(props)) converted[key] = convert(props[key], refPrefix, cel, `${path}/${escapePointer(key)}`, false);
    out['properties'] = converted;
  }
  if (node['items'] !== undefined) out['items'] = convert(node['items'], refPrefix, cel, `${path}/*`, false);
  const additional = node['additionalProperties'];
  if (typeof additional === 'boolean') out['additionalProperties'] = additional;
  else if (isSchema(additional)) out['additionalProperties'] = convert(additional, refPrefix, cel, `${path}/*`, false);

  for (const junctor of ['allOf', 'anyOf', 'oneOf'] as const) {
    const branches = node[junctor];
    if (Array.isArray(branches)) out[junctor] = branches.map((b) => convert(b, refPrefix, cel, path, true));
  }
  if (node['not'] !== undefined) out['not'] = convert(node['not'], refPrefix, cel, path, true);

  unwrapSingleRef(out);
  // `oneOf: [{type: string}, {type: number}]` (Quantity) means "either type": anyOf is the same for disjoint
  // types and does not reject an integer for matching both integer and number.
  if (Array.isArray(out['oneOf']) && out['oneOf'].every(isPlainType)) {
    out['anyOf'] = out['oneOf'];
    delete out['oneOf'];
  }
  if (node['x-kubernetes-int-or-string'] === true || node['format'] === 'int-or-string') {
    delete out['type'];
    delete out['oneOf'];
    out['anyOf'] = [{ type: 'integer' }, { type: 'string' }];
  }

  const embedded = node['x-kubernetes-embedded-resource'] === true;
  const preserve = node['x-kubernetes-preserve-unknown-fields'] === true;
  if (embedded) {
    const p = (out['properties'] ?? {}) as Schema;
    p['apiVersion'] ??= { type: 'string' };
    p['kind'] ??= { type: 'string' };
    p['metadata'] ??= { type: 'object' };
    out['properties'] = p;
    const required = new Set<string>(Array.isArray(out['required']) ? (out['required'] as string[]) : []);
    for (const k of ['apiVersion', 'kind', 'metadata']) required.add(k);
    out['required'] = [...required];
  }
  if (out['properties'] && out['additionalProperties'] === undefined && !embedded && !preserve && !inJunctor) {
    out['additionalProperties'] = false;
  }

  if (node['nullable'] === true) makeNullable(out);

  const validations = node['x-kubernetes-validations'];
  if (cel && Array.isArray(validations) && validations.length > 0) {
    const rules: CelRule[] = [];
    for (const v of validations) {
      if (!isSchema(v) || typeof v['rule'] !== 'string') continue;
      const r: CelRule = { rule: v['rule'] };
      if (typeof v['message'] === 'string') r.message = v['message'];
      if (typeof v['messageExpression'] === 'string') r.messageExpression = v['messageExpression'];
      if (typeof v['fieldPath'] === 'string') r.fieldPath = v['fieldPath'];
      rules.push(r);
    }
    if (rules.length > 0) cel.push({ path, rules });
  }
  return out;
}

/** `allOf: [{$ref}]` is how OpenAPI attaches a description to a ref; with the description gone the ref stands alone. */
function unwrapSingleRef(out: Schema): void {
  const allOf = out['allOf'];
  if (!Array.isArray(allOf) || allOf.length !== 1) return;
  const only = allOf[0] as Schema;
  if (Object.keys(only).length !== 1 || typeof only['$ref'] !== 'string') return;
  const others = Object.keys(out).filter((k) => k !== 'allOf');
  if (others.length === 0) {
    delete out['allOf'];
    out['$ref'] = only['$ref'];
  }
}

function makeNullable(out: Schema): void {
  const t = out['type'];
  if (typeof t === 'string') out['type'] = [t, 'null'];
  const e = out['enum'];
  if (Array.isArray(e) && !e.includes(null)) out['enum'] = [...(e as unknown[]), null];
  const any = out['anyOf'];
  if (t === undefined && Array.isArray(any)) out['anyOf'] = [...(any as unknown[]), { type: 'null' }];
}

function isPlainType(s: unknown): boolean {
  return isSchema(s) && Object.keys(s).length === 1 && typeof s['type'] === 'string';
}

function rewriteRef(ref: string, refPrefix: string): string {
  return ref.startsWith(COMPONENT_REF) ? refPrefix + ref.slice(COMPONENT_REF.length) : ref;
}

export function isSchema(v: unknown): v is Schema {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
