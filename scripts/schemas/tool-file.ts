// The one loader of kcfg's own YAML files (kcfg.yaml, policies/config.yaml, baseline, rules, parity): parse
// strictly with positions, validate with ajv, and report the first problem as a ConfigError at file:line. A file that passed every check before is read with js-yaml
// alone (see core/stamp.ts): ajv and the `yaml` parser then stay unloaded, which is most of the policy
// stage's start-up on an unchanged repository.

import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { ErrorObject, ValidateFunction } from 'ajv';
import type { SourceLocation } from '../core/diagnostic.js';
import { ConfigError } from '../core/errors.js';
import { parseFast } from '../core/fast-yaml.js';
import { escapePointer } from '../core/resource.js';
import { stampFor } from '../core/stamp.js';
import { positionInDocument } from '../resources/position.js';
import { yamlModule } from '../resources/yaml-lazy.js';

const require = createRequire(import.meta.url);

let shared: { compile(schema: object): ValidateFunction } | undefined;
const compiled = new WeakMap<object, ValidateFunction>();

/** A validator with ajv's messages, for the thorough check of a tool-owned file. */
export function validatorFor(schema: object): ValidateFunction {
  let v = compiled.get(schema);
  if (!v) {
    const { Ajv } = require('ajv') as typeof import('ajv');
    shared ??= new Ajv({ allErrors: true, strict: false });
    v = shared.compile(schema);
    compiled.set(schema, v);
  }
  return v;
}

export interface YamlFile {
  /** Repository-relative path. */
  file: string;
  text: string;
  value: unknown;
  locate(pointer: string): SourceLocation;
}

export interface LoadedYamlFile extends YamlFile {
  /** True when this exact text, schema and `also` passed every check before: the caller may skip its own. */
  checkedBefore: boolean;
  /** Call once the caller's own checks have passed too, so the next run can skip them. */
  passed(): void;
}

export interface FileCheck {
  schema: object;
  cacheDir?: string | undefined;
  /** Further inputs the caller's own checks read (environment names, option schemas...). */
  also?: readonly string[];
  /** An empty file is valid (and not held to the schema). */
  allowEmpty?: boolean;
}

/** Read `file` and hold it to `check.schema`, unless it passed before; undefined when the file is absent. */
export function loadYamlFile(root: string, file: string, check: FileCheck): LoadedYamlFile | undefined {
  const path = join(root, file);
  if (!existsSync(path)) return undefined;
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new ConfigError(`cannot read ${file}: ${e instanceof Error ? e.message : String(e)}`);
  }
  const stamp = stampFor(check.cacheDir, 'policy-files', [
    file,
    JSON.stringify(check.schema),
    ...(check.also ?? []),
    text,
  ]);
  const fast = stamp.passed ? parseFast(text) : undefined;
  if (fast) return { ...withLocate(file, text, fast.value), checkedBefore: true, passed: () => undefined };
  const yf = parseYamlText(text, file);
  if (!(check.allowEmpty && (yf.value === null || yf.value === undefined)))
    validateYaml(yf, validatorFor(check.schema), file);
  return { ...yf, checkedBefore: false, passed: () => stamp.remember() };
}

function withLocate(file: string, text: string, value: unknown): YamlFile {
  const source = { file, text, start: 0, end: text.length, line: 1, index: 0 };
  return {
    file,
    text,
    value,
    locate(pointer) {
      const { exact: _exact, ...loc } = positionInDocument(source, pointer);
      return loc;
    },
  };
}

/** Strict parse: duplicate keys and syntax errors at their line, aliases expanded at most 100 times. */
export function parseYamlText(text: string, file: string): YamlFile {
  const { LineCounter, parseDocument } = yamlModule();
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, uniqueKeys: true, prettyErrors: false });
  const err = doc.errors[0];
  if (err) {
    const pos = lines.linePos(err.pos[0]);
    const where = { file, line: pos.line, column: pos.col };
    if (err.code === 'DUPLICATE_KEY') throw new ConfigError('duplicate key', where, 'each key may appear once in a mapping');
    throw new ConfigError(`invalid YAML: ${err.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '')}`, where);
  }
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: 100 });
  } catch (e) {
    throw new ConfigError(
      `refused to expand aliases: ${e instanceof Error ? e.message : String(e)}`,
      { file, line: 1, column: 1 },
      'write the values out instead of using anchors and aliases',
    );
  }
  return withLocate(file, text, value);
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
      return {
        pointer: `${e.instancePath}/${escapePointer(String(p['additionalProperty']))}`,
        text: `unknown key "${String(p['additionalProperty'])}"`,
      };
    case 'required':
      return { pointer: e.instancePath, text: `missing required key "${String(p['missingProperty'])}"` };
    case 'enum':
      return {
        pointer: e.instancePath,
        text: `must be one of ${(p['allowedValues'] as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`,
      };
    case 'propertyNames':
      return {
        pointer: `${e.instancePath}/${escapePointer(String(p['propertyName']))}`,
        text: `invalid name "${String(p['propertyName'])}"`,
      };
    default:
      return { pointer: e.instancePath, text: e.message ?? e.keyword };
  }
}
