// Codes of field formats the API server checks beyond the schema: names, labels, ports, quantities, schedules.

import { define, q } from './define.js';

const WHY =
  'The API server checks these formats on every create and update and rejects the object when one fails; the schema alone does not.';

export const FORMAT_CODES = {
  'format/name': define<{ what: string; problem?: string; length?: number; max?: number }>({
    severity: 'error',
    title: 'Invalid name',
    why: `${WHY} Names become DNS labels, hostnames and file names, so they are restricted to lower-case letters, digits and '-'.`,
    fix: 'Rename the object (or the container, volume, namespace) following the rule in the message; a namePrefix or nameSuffix counts towards the length.',
    message: (a) =>
      a.problem !== undefined
        ? `${a.what} ${a.problem}`
        : `${a.what} is ${a.length} characters, at most ${a.max} allowed`,
  }),
  'format/annotation-key': define<{ problem: string }>({
    severity: 'error',
    title: 'Invalid annotation key',
    why: WHY,
    fix: 'Use a key of the form `prefix/name`, where the prefix is a DNS subdomain and the name at most 63 characters.',
    message: (a) => `annotation ${a.problem}`,
  }),
  'format/annotations-size': define<{ size: number; limit: number }>({
    severity: 'error',
    title: 'Annotations too large',
    why: `${WHY} All annotations of an object together may hold at most 256 KiB.`,
    fix: 'Move large data into a ConfigMap and refer to it.',
    message: (a) => `annotations total ${a.size} bytes, above the ${a.limit}-byte limit`,
    hint: () => 'move large data into a ConfigMap',
  }),
  'format/label-key': define<{ where: string; problem: string }>({
    severity: 'error',
    title: 'Invalid label key',
    why: WHY,
    fix: 'Use a key of the form `prefix/name` (the prefix optional), letters, digits, `-`, `_` and `.`, at most 63 characters in the name.',
    message: (a) => `${a.where} ${a.problem}`,
  }),
  'format/label-value': define<{ problem: string; label?: string }>({
    severity: 'error',
    title: 'Invalid label value',
    why: WHY,
    fix: 'Use at most 63 characters: letters, digits, `-`, `_` and `.`, starting and ending with a letter or digit. Quote values YAML would read as numbers or booleans.',
    message: (a) => (a.label !== undefined ? `${a.problem} (label ${a.label})` : a.problem),
  }),
  'format/selector': define<{ operator: string; issue: 'needs-values' | 'no-values' | 'unknown-operator' }>({
    severity: 'error',
    title: 'Invalid selector expression',
    why: WHY,
    fix: '`In` and `NotIn` need at least one value; `Exists` and `DoesNotExist` take none.',
    message: (a) =>
      a.issue === 'needs-values'
        ? `operator ${a.operator} needs at least one value`
        : a.issue === 'no-values'
          ? `operator ${a.operator} must not have values`
          : `operator ${q(a.operator)} is not one of In, NotIn, Exists, DoesNotExist`,
  }),
  'format/port': define<{ field?: string; value?: string; problem?: string }>({
    severity: 'error',
    title: 'Invalid port',
    why: WHY,
    fix: 'Use a port number from 1 to 65535, or (where a named port is allowed) the name of a container port.',
    message: (a) =>
      a.problem !== undefined
        ? a.field !== undefined
          ? `${a.field}: ${a.problem}`
          : a.problem
        : `${a.field} ${a.value} must be between 1 and 65535`,
  }),
  'format/port-name': define<{ what?: string; problem: string }>({
    severity: 'error',
    title: 'Invalid port name',
    why: WHY,
    fix: 'Container port names are IANA service names: at most 15 lower-case letters, digits and `-`, with at least one letter.',
    message: (a) => (a.what !== undefined ? `${a.what} ${a.problem}` : a.problem),
  }),
  'format/quantity': define<{ value: string; problem?: string }>({
    severity: 'error',
    title: 'Invalid quantity',
    why: WHY,
    fix: 'Write a Kubernetes quantity such as `250m`, `1`, `512Mi` or `2Gi` (suffixes are case-sensitive; `M` is 10^6, `Mi` is 2^20).',
    message: (a) => a.problem ?? `${a.value} must not be negative`,
  }),
  'format/cron-schedule': define<{ schedule: string; problem: string }>({
    severity: 'error',
    title: 'Invalid cron schedule',
    why: WHY,
    fix: 'Write five fields (minute hour day-of-month month day-of-week) or a macro such as `@daily`.',
    message: (a) => `schedule ${q(a.schedule)}: ${a.problem}`,
  }),
  'format/data-key': define<{ kind: string; problem: string }>({
    severity: 'error',
    title: 'Invalid data key',
    why: WHY,
    fix: 'ConfigMap and Secret keys may hold letters, digits, `-`, `_` and `.` only.',
    message: (a) => `${a.kind} ${a.problem}`,
  }),
};
