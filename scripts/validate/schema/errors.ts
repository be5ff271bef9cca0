// ajv errors → findings. Messages name the field and what the schema expects, never the value found.

import type { Finding, Resource } from '../../core/resource.js';
import { escapePointer, getAt, parsePointer, type JsonValue } from '../../core/resource.js';
import { FORMATS } from '../../schemas/formats.js';
import type { AjvError } from './compile.js';

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

function orList(items: string[]): string {
  const unique = [...new Set(items)];
  return unique.length <= 1 ? (unique[0] ?? '') : `${unique.slice(0, -1).join(', ')} or ${unique[unique.length - 1]}`;
}

export interface SchemaProblem {
  code: string;
  message: string;
  pointer: string;
}

/** `data` is what was validated, when that is not `resource.object` itself (e.g. a copy with nulls pruned). */
export function errorsToFindings(
  errors: readonly AjvError[],
  resource: Resource,
  data: unknown = resource.object,
): Finding[] {
  return describeErrors(errors, data).map((p) => ({ ...p, severity: 'error', subject: resource }));
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

function finding(code: string, message: string, pointer: string): SchemaProblem {
  return { code: `schema/${code}`, message, pointer };
}

function junctorFinding(e: AjvError, branches: AjvError[], data: unknown): SchemaProblem {
  const at = e.instancePath;
  const field = fieldPath(at);
  const direct = branches.filter((b) => b.instancePath === at);
  if (direct.length > 0 && direct.length === branches.length && direct.every((b) => b.keyword === 'type')) {
    const value = getAt(data as JsonValue, at);
    return finding(
      'type',
      `${field} must be ${orList(direct.flatMap((b) => listTypes(b.params['type'])))}, not ${typeName(value)}`,
      at,
    );
  }
  if (direct.length > 0 && direct.length === branches.length && direct.every((b) => b.keyword === 'required')) {
    const names = direct.map((b) => String(b.params['missingProperty']));
    return finding(
      'required',
      `${field} must set ${e.keyword === 'oneOf' ? 'exactly ' : ''}one of: ${[...new Set(names)].join(', ')}`,
      at,
    );
  }
  const passing = e.params['passingSchemas'];
  if (e.keyword === 'oneOf' && Array.isArray(passing)) {
    return finding(
      'one-of',
      `${field} matches ${passing.length} of the allowed alternatives; exactly one is allowed`,
      at,
    );
  }
  const detail = branches[0] ? ` (first alternative: ${errorFinding(branches[0], data).message})` : '';
  return finding(
    e.keyword === 'oneOf' ? 'one-of' : 'any-of',
    `${field} matches none of the allowed alternatives${detail}`,
    at,
  );
}

function errorFinding(e: AjvError, data: unknown): SchemaProblem {
  const at = e.instancePath;
  const field = fieldPath(at);
  const p = e.params;
  switch (e.keyword) {
    case 'additionalProperties': {
      const pointer = `${at}/${escapePointer(String(p['additionalProperty']))}`;
      return finding('unknown-field', `unknown field ${fieldPath(pointer)}`, pointer);
    }
    case 'required': {
      const missing = `${at}/${escapePointer(String(p['missingProperty']))}`;
      return finding('required', `missing required field ${fieldPath(missing)}`, at);
    }
    case 'type':
      return finding(
        'type',
        `${field} must be ${orList(listTypes(p['type']))}, not ${typeName(getAt(data as JsonValue, at))}`,
        at,
      );
    case 'enum': {
      const allowed = Array.isArray(p['allowedValues']) ? p['allowedValues'].map((v) => JSON.stringify(v)) : [];
      const shown = allowed.length > 12 ? `${allowed.slice(0, 12).join(', ')}, …` : allowed.join(', ');
      return finding('enum', `${field} must be one of ${shown}`, at);
    }
    case 'format': {
      const name = String(p['format']);
      return finding('format', `${field} must be ${FORMATS[name]?.describe ?? name}`, at);
    }
    case 'pattern':
      return finding('pattern', `${field} must match the pattern ${String(p['pattern'])}`, at);
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum':
      return finding(e.keyword, `${field} must be ${String(p['comparison'])} ${String(p['limit'])}`, at);
    case 'minLength':
      return finding('min-length', `${field} must be at least ${String(p['limit'])} characters long`, at);
    case 'maxLength':
      return finding('max-length', `${field} must be at most ${String(p['limit'])} characters long`, at);
    case 'minItems':
      return finding('min-items', `${field} must have at least ${String(p['limit'])} items`, at);
    case 'maxItems':
      return finding('max-items', `${field} must have at most ${String(p['limit'])} items`, at);
    case 'minProperties':
      return finding('min-properties', `${field} must have at least ${String(p['limit'])} entries`, at);
    case 'maxProperties':
      return finding('max-properties', `${field} must have at most ${String(p['limit'])} entries`, at);
    case 'uniqueItems':
      return finding(
        'unique-items',
        `${field} must not contain duplicate items (items ${String(p['j'])} and ${String(p['i'])} are equal)`,
        at,
      );
    case 'multipleOf':
      return finding('multiple-of', `${field} must be a multiple of ${String(p['multipleOf'])}`, at);
    case 'not':
      return finding('not', `${field} has a shape the schema forbids`, at);
    default:
      return finding(
        e.keyword.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`),
        `${field} fails the schema's ${e.keyword} rule`,
        at,
      );
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
