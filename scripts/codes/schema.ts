// Codes of schema validation: the rendered object against the OpenAPI or CRD schema of its kind.

import { define } from './define.js';

const FIX_FIELD =
  'Edit the field at the reported line so it matches the schema of the kind at the target Kubernetes version.';
const WHY_REJECT =
  'The API server validates every object against the same schema and rejects the whole apply when a field does not match.';

export interface Field {
  [k: string]: string | number | boolean | readonly string[] | undefined;
  /** The field, as a path such as `spec.template.spec.containers[0].ports`. */
  field: string;
}

/** A size limit: `spec.x must <before> <limit> <after>`, e.g. "have at least" 1 "items". */
const limitRule = (title: string, before: string, after: string) =>
  define<Field & { limit: string }>({
    severity: 'error',
    title,
    why: WHY_REJECT,
    fix: FIX_FIELD,
    message: (a) => `${a.field} must ${before} ${a.limit} ${after}`,
  });

const bound = (title: string) =>
  define<Field & { comparison: string; limit: string }>({
    severity: 'error',
    title,
    why: WHY_REJECT,
    fix: FIX_FIELD,
    message: (a) => `${a.field} must be ${a.comparison} ${a.limit}`,
  });

export const SCHEMA_CODES = {
  'schema/unknown-field': define<Field>({
    severity: 'error',
    title: 'Unknown field',
    why: 'A misspelt or misplaced field is dropped by the API server (or rejected with strict field validation), so the setting the author meant never takes effect.',
    fix: 'Correct the spelling or the indentation, or remove the field. Fields of a newer Kubernetes version need `kubernetesVersion` raised in kcfg.yaml.',
    message: (a) => `unknown field ${a.field}`,
  }),
  'schema/required': define<Field & { choices?: readonly string[]; exactly?: boolean }>({
    severity: 'error',
    title: 'Required field missing',
    why: WHY_REJECT,
    fix: 'Add the missing field at the reported object (for a base shared by overlays, add it in the base).',
    message: (a) =>
      a.choices
        ? `${a.field} must set ${a.exactly ? 'exactly ' : ''}one of: ${a.choices.join(', ')}`
        : `missing required field ${a.field}`,
  }),
  'schema/type': define<Field & { expected: readonly string[]; actual: string }>({
    severity: 'error',
    title: 'Wrong value type',
    why: `${WHY_REJECT} A common cause is an unquoted value YAML reads as a number or boolean.`,
    fix: 'Write the value with the expected type; quote strings that look like numbers or booleans.',
    message: (a) => `${a.field} must be ${orList(a.expected)}, not ${a.actual}`,
    hint: (a) =>
      a.expected.includes('string') && (a.actual === 'integer' || a.actual === 'number' || a.actual === 'boolean')
        ? `quote the value: YAML (and Kustomize, which writes 1_000, 0x1F or 0o17 out as numbers) reads it as a ${a.actual}`
        : undefined,
  }),
  'schema/enum': define<Field & { allowed: readonly string[]; more: boolean }>({
    severity: 'error',
    title: 'Value not allowed',
    why: WHY_REJECT,
    fix: 'Use one of the values the message lists (they are case-sensitive).',
    message: (a) => `${a.field} must be one of ${a.allowed.join(', ')}${a.more ? ', …' : ''}`,
  }),
  'schema/const': define<Field & { value: string }>({
    severity: 'error',
    title: 'Fixed value',
    why: WHY_REJECT,
    fix: 'Set the field to the one value the schema allows.',
    message: (a) => `${a.field} must be ${a.value}`,
  }),
  'schema/format': define<Field & { expected: string }>({
    severity: 'error',
    title: 'Wrong value format',
    why: WHY_REJECT,
    fix: 'Write the value in the format the message names.',
    message: (a) => `${a.field} must be ${a.expected}`,
  }),
  'schema/pattern': define<Field & { pattern: string }>({
    severity: 'error',
    title: 'Value does not match the pattern',
    why: WHY_REJECT,
    fix: 'Change the value so it matches the pattern the message shows.',
    message: (a) => `${a.field} must match the pattern ${a.pattern}`,
  }),
  'schema/minimum': bound('Value below the minimum'),
  'schema/maximum': bound('Value above the maximum'),
  'schema/exclusive-minimum': bound('Value not above the bound'),
  'schema/exclusive-maximum': bound('Value not below the bound'),
  'schema/min-length': limitRule('Value too short', 'be at least', 'characters long'),
  'schema/max-length': limitRule('Value too long', 'be at most', 'characters long'),
  'schema/min-items': limitRule('Too few items', 'have at least', 'items'),
  'schema/max-items': limitRule('Too many items', 'have at most', 'items'),
  'schema/min-properties': limitRule('Too few entries', 'have at least', 'entries'),
  'schema/max-properties': limitRule('Too many entries', 'have at most', 'entries'),
  'schema/unique-items': define<Field & { first: string; second: string }>({
    severity: 'error',
    title: 'Duplicate list items',
    why: WHY_REJECT,
    fix: 'Remove one of the equal items.',
    message: (a) => `${a.field} must not contain duplicate items (items ${a.first} and ${a.second} are equal)`,
  }),
  'schema/multiple-of': define<Field & { multipleOf: string }>({
    severity: 'error',
    title: 'Not a multiple',
    why: WHY_REJECT,
    fix: 'Use a multiple of the number the message names.',
    message: (a) => `${a.field} must be a multiple of ${a.multipleOf}`,
  }),
  'schema/not': define<Field>({
    severity: 'error',
    title: 'Forbidden shape',
    why: WHY_REJECT,
    fix: FIX_FIELD,
    message: (a) => `${a.field} has a shape the schema forbids`,
  }),
  'schema/one-of': define<Field & { passing?: number; detail?: string }>({
    severity: 'error',
    title: 'Not exactly one alternative',
    why: WHY_REJECT,
    fix: 'Set exactly one of the alternative forms the field accepts (for example one volume source).',
    message: (a) =>
      a.passing !== undefined
        ? `${a.field} matches ${a.passing} of the allowed alternatives; exactly one is allowed`
        : `${a.field} matches none of the allowed alternatives${a.detail ? ` (first alternative: ${a.detail})` : ''}`,
  }),
  'schema/any-of': define<Field & { detail?: string }>({
    severity: 'error',
    title: 'No alternative matches',
    why: WHY_REJECT,
    fix: 'Write the field in one of the forms the schema accepts.',
    message: (a) =>
      `${a.field} matches none of the allowed alternatives${a.detail ? ` (first alternative: ${a.detail})` : ''}`,
  }),
  'schema/rule': define<Field & { keyword: string }>({
    severity: 'error',
    title: 'Schema rule',
    why: WHY_REJECT,
    fix: FIX_FIELD,
    message: (a) => `${a.field} fails the schema's ${a.keyword} rule`,
  }),
  'schema/cel': define<{ rule: string; ruleMessage?: string }>({
    severity: 'error',
    title: 'CRD validation rule',
    why: 'CustomResourceDefinitions carry CEL rules (x-kubernetes-validations) that the API server evaluates on every write; an object that fails one is rejected.',
    fix: "Change the object so the rule holds; the message is the CRD author's description of the rule.",
    message: (a) => a.ruleMessage ?? `failed rule: ${a.rule}`,
  }),
  'schema/no-schema': define<{
    apiVersion: string;
    kind: string;
    kubernetesVersion: string;
    served: readonly string[];
    allowKey: string;
  }>({
    severity: 'error',
    title: 'No schema for the kind',
    why: 'kcfg fails closed: an object whose kind it has no schema for cannot be checked, and the API server rejects a kind it does not serve.',
    fix: 'Use an apiVersion the target Kubernetes version serves, add the CustomResourceDefinition to the render or to `schemas.crds` (`kcfg schemas import FILE` copies it into the repository), or list the kind under `schemas.allowUnknownKinds` in kcfg.yaml.',
    message: (a) => `no schema for ${a.apiVersion} ${a.kind} (Kubernetes ${a.kubernetesVersion})`,
    hint: (a) =>
      a.served.length > 0
        ? `Kubernetes ${a.kubernetesVersion} serves ${a.kind} as ${a.served.join(', ')}`
        : `bring its CRD with kcfg schemas import FILE and schemas.crds in kcfg.yaml, or allow the kind with schemas.allowUnknownKinds: ["${a.allowKey}"]`,
  }),
  'schema/crd-unusable': define<{ name: string; problem: string }>({
    severity: 'error',
    title: 'CustomResourceDefinition cannot be used',
    why: 'The schema of a CustomResourceDefinition in the render is what its custom resources are validated against; a schema kcfg cannot compile leaves them unchecked.',
    fix: 'Fix the CRD schema (openAPIV3Schema) so it is a valid structural schema.',
    message: (a) => `CustomResourceDefinition ${a.name} ${a.problem}; its custom resources cannot be validated`,
  }),
};

function orList(items: readonly string[]): string {
  const unique = [...new Set(items)];
  return unique.length <= 1 ? (unique[0] ?? '') : `${unique.slice(0, -1).join(', ')} or ${unique[unique.length - 1]}`;
}
