// policies/baseline.yaml: findings accepted for a while, each with a reason and a last day.

import type { SourceLocation } from '../core/diagnostic.js';
import { ConfigError } from '../core/errors.js';
import type { Resource } from '../core/resource.js';
import { BASELINE_SCHEMA } from './schema.js';
import { loadYamlFile } from '../schemas/tool-file.js';

export const BASELINE_FILE = 'policies/baseline.yaml';

export interface BaselineEntry {
  policy: string;
  environment?: string;
  /** As written: `Kind/namespace/name` or `Kind/name`. */
  resource: string;
  kind: string;
  group?: string;
  namespace: string;
  name: string;
  container?: string;
  pointer?: string;
  reason: string;
  /** YYYY-MM-DD, the last day the entry applies (UTC). */
  expires: string;
  location: SourceLocation;
}

export interface Baseline {
  file?: string;
  entries: BaselineEntry[];
}

export function loadBaseline(root: string, cacheDir?: string): Baseline {
  const yf = loadYamlFile(root, BASELINE_FILE, { schema: BASELINE_SCHEMA, cacheDir, allowEmpty: true });
  if (!yf || yf.value === null || yf.value === undefined) return { entries: [] };
  const raw = (yf.value as { entries: Record<string, string>[] }).entries;
  const entries = raw.map((e, i): BaselineEntry => {
    const parts = e['resource'].split('/');
    const [kindPart, namespace, name] =
      parts.length === 3 ? (parts as [string, string, string]) : [parts[0], '', parts[1]];
    const dot = kindPart.indexOf('.');
    const expires = e['expires'];
    if (!isCalendarDate(expires))
      throw new ConfigError(
        `${yf.file}: /entries/${i}/expires: ${expires} is not a calendar date`,
        yf.locate(`/entries/${i}/expires`),
      );
    return {
      policy: e['policy'],
      ...(e['environment'] !== undefined ? { environment: e['environment'] } : {}),
      resource: e['resource'],
      kind: dot < 0 ? kindPart : kindPart.slice(0, dot),
      ...(dot < 0 ? {} : { group: kindPart.slice(dot + 1) }),
      namespace,
      name,
      ...(e['container'] !== undefined ? { container: e['container'] } : {}),
      ...(e['pointer'] !== undefined ? { pointer: e['pointer'] } : {}),
      reason: e['reason'].trim(),
      expires,
      location: yf.locate(`/entries/${i}`),
    };
  });
  yf.passed();
  return { file: yf.file, entries };
}

function isCalendarDate(s: string): boolean {
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

export function baselineKey(policy: string, kind: string, namespace: string, name: string): string {
  return `${policy}\u0000${kind}\u0000${namespace}\u0000${name}`;
}

/** Entries that can apply in one environment, indexed by policy and resource identity. */
export function indexBaseline(baseline: Baseline, env: string): Map<string, BaselineEntry[]> {
  const index = new Map<string, BaselineEntry[]>();
  for (const e of baseline.entries) {
    if (e.environment !== undefined && e.environment !== env) continue;
    const key = baselineKey(e.policy, e.kind, e.namespace, e.name);
    const list = index.get(key);
    if (list) list.push(e);
    else index.set(key, [e]);
  }
  return index;
}

export function entryMatches(
  e: BaselineEntry,
  subject: Resource,
  container: string | undefined,
  pointer: string,
): boolean {
  if (e.group !== undefined && e.group !== subject.id.group) return false;
  if (e.container !== undefined && e.container !== container) return false;
  if (e.pointer !== undefined && e.pointer !== pointer) return false;
  return true;
}
