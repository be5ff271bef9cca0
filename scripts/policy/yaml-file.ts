// Tool-owned YAML files (config, baseline, rules): parse with positions, validate with ajv, and report the
// first problem as a ConfigError at file:line.

import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import AjvModule, { type ErrorObject, type ValidateFunction } from 'ajv';
import { LineCounter, parseDocument } from 'yaml';
import type { SourceLocation } from '../core/diagnostic.js';
import { ConfigError } from '../core/errors.js';
import { escapePointer } from '../core/resource.js';
import { positionInDocument } from '../resources/position.js';

const Ajv = AjvModule.default;

export function createAjv(): InstanceType<typeof Ajv> {
  return new Ajv({ allErrors: true, strict: false });
}

const shared = createAjv();
const compiled = new WeakMap<object, ValidateFunction>();

export function validatorFor(schema: object): ValidateFunction {
  let v = compiled.get(schema);
  if (!v) {
    v = shared.compile(schema);
    compiled.set(schema, v);
  }
  return v;
}

export interface YamlFile {
  /** Repository-relative path. */
  file: string;
  value: unknown;
  locate(pointer: string): SourceLocation;
}

export function readYamlFile(root: string, file: string): YamlFile | undefined {
  const path = join(root, file);
  if (!existsSync(path)) return undefined;
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new ConfigError(`cannot read ${file}: ${e instanceof Error ? e.message : String(e)}`);
  }
  return parseYamlText(text, file);
}

export function parseYamlText(text: string, file: string): YamlFile {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, uniqueKeys: true, prettyErrors: false });
  const err = doc.errors[0];
  if (err) {
    const pos = lines.linePos(err.pos[0]);
    throw new ConfigError(err.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, ''), { file, line: pos.line, column: pos.col });
  }
  const source = { file, text, start: 0, end: text.length, line: 1, index: 0 };
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: 100 });
  } catch (e) {
    throw new ConfigError(`refused to expand aliases: ${e instanceof Error ? e.message : String(e)}`, { file, line: 1, column: 1 });
  }
  return {
    file,
    value,
    locate(pointer) {
      const { exact: _exact, ...loc } = positionInDocument(source, pointer);
      return loc;
    },
  };
}

/** Validate against a schema; throws a ConfigError naming the most specific problem. */
export function validateYaml(yf: YamlFile, validate: ValidateFunction, what: string): void {
  if (validate(yf.value)) return;
  const err = mostSpecific(validate.errors ?? []);
  if (!err) throw new ConfigError(`${what} is invalid`, yf.locate(''));
  const { pointer, text } = describeAjvError(err);
  throw new ConfigError(`${what}: ${pointer ? `${pointer}: ` : ''}${text}`, yf.locate(pointer));
}

function mostSpecific(errors: ErrorObject[]): ErrorObject | undefined {
  const concrete = errors.filter((e) => e.keyword !== 'anyOf' && e.keyword !== 'oneOf' && e.keyword !== 'if');
  const pool = concrete.length ? concrete : errors;
  // In an anyOf of "a severity string" and "an object", the object branch says more once the value is an object.
  return [...pool].sort((a, b) => depth(b) - depth(a) || weight(a) - weight(b))[0];
}

function depth(e: ErrorObject): number {
  return e.instancePath.split('/').length + (e.keyword === 'additionalProperties' || e.keyword === 'required' ? 1 : 0);
}

function weight(e: ErrorObject): number {
  return e.keyword === 'type' || e.keyword === 'enum' ? 1 : 0;
}

export function describeAjvError(e: ErrorObject): { pointer: string; text: string } {
  const p = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'additionalProperties':
      return { pointer: `${e.instancePath}/${escapePointer(String(p['additionalProperty']))}`, text: `unknown key "${String(p['additionalProperty'])}"` };
    case 'required':
      return { pointer: e.instancePath, text: `missing required key "${String(p['missingProperty'])}"` };
    case 'enum':
      return { pointer: e.instancePath, text: `must be one of ${(p['allowedValues'] as unknown[]).map((v) => JSON.stringify(v)).join(', ')}` };
    case 'propertyNames':
      return { pointer: `${e.instancePath}/${escapePointer(String(p['propertyName']))}`, text: `invalid name "${String(p['propertyName'])}"` };
    default:
      return { pointer: e.instancePath, text: e.message ?? e.keyword };
  }
}
