// ajv errors → findings. Messages name the field and what the schema expects, never the value found.

import type { Finding, Resource } from '../../core/resource.js';
import { escapePointer, getAt, parsePointer, type JsonValue } from '../../core/resource.js';
import { FORMATS } from '../../schemas/formats.js';
import type { AjvError } from '../../schemas/compile.js';
import { problem, type ArgsOf, type CodeId, type Problem } from '../../codes/index.js';

/** `/spec/template/metadata/labels/app.kubernetes.io~1name` → `spec.template.metadata.labels["app.kubernetes.io/name"]`. */
export function fieldPath(pointer: string): string {
  let out = '';
  for (const seg of parsePointer(pointer)) {
    if (/^\d+$/.test(seg)) out += `[${seg}]`;
    else if (/^[A-Za-z_$][\w$-]*$/.test(seg)) out += out ? `.${seg}` : seg;
    else out += `[${JSON.stringify(seg)}]`;
  }
  return out || '(root)';
}

function typeName(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  return typeof v === 'object' ? 'object' : typeof v;
}

function listTypes(t: unknown): string[] {
  if (Array.isArray(t)) return t.map(String);
  return String(t).split(',');
}

export interface SchemaProblem extends Problem {
  pointer: string;
}

/** `data` is what was validated, when that is not `resource.object` itself (e.g. a copy with nulls pruned). */
export function errorsToFindings(
  errors: readonly AjvError[],
  resource: Resource,
  data: unknown = resource.object,
): Finding[] {
  const found: Finding[] = describeErrors(errors, data);
  for (const f of found) f.subject = resource;
  return found;
}

/** Fold ajv's errors for `data` into one problem per field, with a `schema/<rule>` code. */
export function describeErrors(errors: readonly AjvError[], data: unknown): SchemaProblem[] {
  const findings: SchemaProblem[] = [];
  const consumed = new Set<AjvError>();
  // anyOf/oneOf report each branch's failure before their own; fold the branches into one finding.
  const branchesOf = new Map<AjvError, AjvError[]>();
  for (const e of errors) {
    if (e.keyword !== 'anyOf' && e.keyword !== 'oneOf') continue;
    const prefix = `${e.schemaPath}/`;
    const branches = errors.filter((b) => b !== e && b.schemaPath.startsWith(prefix));
    for (const b of branches) consumed.add(b);
    branchesOf.set(e, branches);
  }
  for (const e of errors) {
    if (consumed.has(e)) continue;
    const branches = branchesOf.get(e);
    findings.push(branches ? junctorFinding(e, branches, data) : errorFinding(e, data));
  }
  return dedupe(findings);
}

function at<C extends CodeId>(code: C, args: ArgsOf<C>, pointer: string): SchemaProblem {
  const p = problem(code, args) as SchemaProblem;
  p.pointer = pointer;
  return p;
}

function junctorFinding(e: AjvError, branches: AjvError[], data: unknown): SchemaProblem {
  const ptr = e.instancePath;
  const field = fieldPath(ptr);
  const direct = branches.filter((b) => b.instancePath === ptr);
  if (direct.length > 0 && direct.length === branches.length && direct.every((b) => b.keyword === 'type')) {
    const value = getAt(data as JsonValue, ptr);
    const expected = direct.flatMap((b) => listTypes(b.params['type']));
    return at('schema/type', { field, expected, actual: typeName(value) }, ptr);
  }
  if (direct.length > 0 && direct.length === branches.length && direct.every((b) => b.keyword === 'required')) {
    const choices = [...new Set(direct.map((b) => String(b.params['missingProperty'])))];
    return at('schema/required', { field, choices, exactly: e.keyword === 'oneOf' }, ptr);
  }
  const passing = e.params['passingSchemas'];
  if (e.keyword === 'oneOf' && Array.isArray(passing))
    return at('schema/one-of', { field, passing: passing.length }, ptr);
  const detail = branches[0] ? errorFinding(branches[0], data).message : undefined;
  return at(e.keyword === 'oneOf' ? 'schema/one-of' : 'schema/any-of', { field, ...(detail ? { detail } : {}) }, ptr);
}

const LIMITS = {
  minLength: 'schema/min-length',
  maxLength: 'schema/max-length',
  minItems: 'schema/min-items',
  maxItems: 'schema/max-items',
  minProperties: 'schema/min-properties',
  maxProperties: 'schema/max-properties',
} as const;

const BOUNDS = {
  minimum: 'schema/minimum',
  maximum: 'schema/maximum',
  exclusiveMinimum: 'schema/exclusive-minimum',
  exclusiveMaximum: 'schema/exclusive-maximum',
} as const;

const ENUM_SHOWN = 12;

function errorFinding(e: AjvError, data: unknown): SchemaProblem {
  const ptr = e.instancePath;
  const field = fieldPath(ptr);
  const p = e.params;
  const k = e.keyword;
  if (k in LIMITS) return at(LIMITS[k as keyof typeof LIMITS], { field, limit: String(p['limit']) }, ptr);
  if (k in BOUNDS)
    return at(
      BOUNDS[k as keyof typeof BOUNDS],
      { field, comparison: String(p['comparison']), limit: String(p['limit']) },
      ptr,
    );
  switch (k) {
    case 'additionalProperties': {
      const pointer = `${ptr}/${escapePointer(String(p['additionalProperty']))}`;
      return at('schema/unknown-field', { field: fieldPath(pointer) }, pointer);
    }
    case 'required': {
      const missing = `${ptr}/${escapePointer(String(p['missingProperty']))}`;
      return at('schema/required', { field: fieldPath(missing) }, ptr);
    }
    case 'type':
      return at(
        'schema/type',
        { field, expected: listTypes(p['type']), actual: typeName(getAt(data as JsonValue, ptr)) },
        ptr,
      );
    case 'enum': {
      // An empty string or null stands for "unset" in the server's enums; naming it would only confuse.
      const allowed = Array.isArray(p['allowedValues'])
        ? p['allowedValues'].filter((v) => v !== '' && v !== null).map((v) => JSON.stringify(v))
        : [];
      return at(
        'schema/enum',
        { field, allowed: allowed.slice(0, ENUM_SHOWN), more: allowed.length > ENUM_SHOWN },
        ptr,
      );
    }
    case 'const':
      return at('schema/const', { field, value: JSON.stringify(p['allowedValue']) }, ptr);
    case 'format': {
      const name = String(p['format']);
      return at('schema/format', { field, expected: FORMATS[name]?.describe ?? name }, ptr);
    }
    case 'pattern':
      return at('schema/pattern', { field, pattern: String(p['pattern']) }, ptr);
    case 'uniqueItems':
      return at('schema/unique-items', { field, first: String(p['j']), second: String(p['i']) }, ptr);
    case 'multipleOf':
      return at('schema/multiple-of', { field, multipleOf: String(p['multipleOf']) }, ptr);
    case 'not':
      return at('schema/not', { field }, ptr);
    default:
      return at('schema/rule', { field, keyword: k }, ptr);
  }
}

function dedupe(findings: SchemaProblem[]): SchemaProblem[] {
  const seen = new Set<string>();
  return findings.filter((f) => {
    const key = `${f.code}\u0000${f.pointer}\u0000${f.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
