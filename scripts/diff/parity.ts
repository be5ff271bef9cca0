// Parity: every difference between two environments that policies/parity.yaml does not allow is a finding,
// reported through the same diagnostics pipeline as `check`.

import { problem } from '../codes/index.js';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Severity } from '../core/diagnostic.js';
import { formatResourceId } from '../core/diagnostic.js';
import type { Finding } from '../core/resource.js';
import { parseYamlText, validateYaml, validatorFor } from '../schemas/tool-file.js';
import { appliesToKind, compilePattern, matchesPathOrAncestor, type PointerPattern } from './pattern.js';
import { paritySchema } from './parity-schema.js';
import { parsePointer } from '../core/resource.js';
import type { EnvDiff, ResourceDiff } from './types.js';
import { describeChange } from './describe.js';

export const PARITY_FILE = 'policies/parity.yaml';
export const PARITY_CODE = 'diff/parity' as const;

export interface ParityAllow {
  path: string;
  kinds?: string[];
  name?: string;
  reason: string;
}

export interface ParityOnlyIn {
  kinds: string[];
  name: string;
  environments?: string[];
  reason: string;
}

export interface ParityConfig {
  severity: Severity;
  allow: ParityAllow[];
  onlyIn: ParityOnlyIn[];
}

export function parseParityConfig(text: string, file: string): ParityConfig {
  const yf = parseYamlText(text, file);
  if (yf.value !== null && yf.value !== undefined) validateYaml(yf, validatorFor(paritySchema), file);
  const raw = (yf.value ?? {}) as Partial<ParityConfig>;
  const config: ParityConfig = { severity: raw.severity ?? 'error', allow: raw.allow ?? [], onlyIn: raw.onlyIn ?? [] };
  for (const a of config.allow) compilePattern(a.path);
  return config;
}

/** Read policies/parity.yaml; no file means nothing may differ. */
export function loadParityConfig(root: string): ParityConfig {
  let text: string;
  try {
    text = readFileSync(join(root, PARITY_FILE), 'utf8');
  } catch {
    return { severity: 'error', allow: [], onlyIn: [] };
  }
  return parseParityConfig(text, PARITY_FILE);
}

interface CompiledAllow {
  pattern: PointerPattern;
  kinds?: string[];
  name?: string;
}

function kindMatches(kinds: readonly string[] | undefined, group: string, kind: string): boolean {
  if (!kinds || kinds.length === 0) return true;
  return kinds.some((k) => {
    const slash = k.lastIndexOf('/');
    return slash < 0 ? k === kind : k.slice(0, slash) === group && k.slice(slash + 1) === kind;
  });
}

function glob(pattern: string, name: string): boolean {
  const re = new RegExp(
    '^' +
      pattern
        .split('*')
        .map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
        .join('.*') +
      '$',
  );
  return re.test(name);
}

/**
 * One finding per disallowed difference. `subject` is the resource in the second environment (the first,
 * for a resource only it has); `subject.env` says which environment's locator maps the pointer.
 */
export function parityFindings(diff: EnvDiff, config: ParityConfig): Finding[] {
  const allows: CompiledAllow[] = config.allow.map((a) => ({
    pattern: compilePattern(a.path),
    ...(a.kinds ? { kinds: a.kinds } : {}),
    ...(a.name ? { name: a.name } : {}),
  }));
  const out: Finding[] = [];
  for (const r of diff.resources) {
    if (r.kind === 'modified') out.push(...modifiedFindings(r, diff, allows, config.severity));
    else {
      const env = r.kind === 'added' ? diff.b : diff.a;
      const other = r.kind === 'added' ? diff.a : diff.b;
      const subject = r.kind === 'added' ? r.resourceB : r.resourceA;
      const allowed = config.onlyIn.some(
        (o) =>
          kindMatches(o.kinds, r.id.group, r.id.kind) &&
          glob(o.name, r.id.name) &&
          (!o.environments || o.environments.includes(env)),
      );
      if (allowed || !subject) continue;
      const args = { issue: 'only-in', env, other, resource: formatResourceId(subject.id), file: PARITY_FILE } as const;
      out.push({ ...problem(PARITY_CODE, args, config.severity), subject, pointer: '' });
    }
  }
  return out;
}

function modifiedFindings(r: ResourceDiff, diff: EnvDiff, allows: CompiledAllow[], severity: Severity): Finding[] {
  const subject = r.resourceB;
  if (!subject) return [];
  const out: Finding[] = [];
  for (const c of r.changes) {
    const segs = parsePointer(c.path);
    const ok = allows.some(
      (a) =>
        appliesToKind(a.pattern, r.id.group, r.id.kind) &&
        kindMatches(a.kinds, r.id.group, r.id.kind) &&
        (!a.name || glob(a.name, r.id.name)) &&
        matchesPathOrAncestor(a.pattern.segments, segs),
    );
    if (ok) continue;
    const args = {
      issue: 'differs',
      env: diff.b,
      other: diff.a,
      change: describeChange(c, 120),
      allow: c.path.replace(/\/\d+(?=\/|$)/g, '/*'),
      file: PARITY_FILE,
    } as const;
    out.push({
      ...problem(PARITY_CODE, args, severity),
      subject,
      pointer: c.op === 'remove' ? (c.parent ?? '') : c.path,
    });
  }
  return out;
}
