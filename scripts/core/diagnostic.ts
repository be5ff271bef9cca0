// Diagnostics are data: every check returns these, every reporter renders them.

export type Severity = 'error' | 'warning' | 'info';

export const SEVERITY_RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** A position in a file a person can open. Paths are repository-relative, POSIX separators; lines and columns are 1-based. */
export interface SourceLocation {
  file: string;
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
}

/** Identity of a Kubernetes object. `group` is '' for the core group. */
export interface ResourceId {
  group: string;
  version: string;
  kind: string;
  namespace?: string;
  name: string;
}

/** The data a finding's message was made from (scripts/codes words it): names, values, limits. */
export type Args = Readonly<Record<string, string | number | boolean | readonly string[] | undefined>>;

export interface Diagnostic {
  /** Stable machine id, `<area>/<rule>`: `schema/unknown-field`, `semantic/selector-mismatch`, `policy/run-as-non-root`. */
  code: string;
  severity: Severity;
  message: string;
  /** The arguments of `message`; absent for policies that do not declare them. */
  args?: Args;
  /** Environments the finding was seen in; merged when the same finding appears in several. */
  environments: string[];
  resource?: ResourceId;
  /** RFC 6901 pointer into the rendered object. */
  pointer?: string;
  /** The line to edit: base file, overlay patch or kustomization entry. */
  source?: SourceLocation;
  /** Where the value sits in the rendered stream (or the plain input file), when that differs from `source`. */
  rendered?: SourceLocation;
  hint?: string;
  /** Documentation page for the rule. */
  docs?: string;
  /**
   * The resource in each environment, when the merged environments name it differently (a namePrefix, a
   * namespace per environment, a generator hash); `resource` is then the first of them and the message uses
   * the part of the name they share.
   */
  resources?: Record<string, ResourceId>;
}

export function resourceKey(id: ResourceId): string {
  return `${id.group}/${id.kind}/${id.namespace ?? ''}/${id.name}`;
}

export function formatResourceId(id: ResourceId): string {
  const gk = id.group ? `${id.kind}.${id.group}` : id.kind;
  return id.namespace ? `${gk} ${id.namespace}/${id.name}` : `${gk} ${id.name}`;
}

/**
 * Identity of a finding regardless of environment, used to merge duplicates across environments. With
 * `renames`, a finding at a line of a repository file is one defect there, whatever each environment renamed
 * the resource to: names and namespaces are left out of its identity.
 */
function diagnosticKey(d: Diagnostic, renames: boolean): string {
  const src = d.source ? `${d.source.file}:${d.source.line}:${d.source.column}` : '';
  if (renames && d.resource && d.source && !d.source.file.startsWith('<')) {
    const { names, namespaces } = namesOf(d);
    return [
      d.code,
      d.severity,
      neutral(d.message, names, namespaces),
      d.resource.group,
      d.resource.kind,
      d.pointer ?? '',
      src,
    ].join('\u0000');
  }
  const res = d.resource ? `${d.resource.group}/${d.resource.kind}/${d.resource.name}` : '';
  return [d.code, d.severity, d.message, res, d.pointer ?? '', src].join('\u0000');
}

/** Merge findings that are the same in several environments into one that lists them all. */
export function mergeDiagnostics(diags: Iterable<Diagnostic>): Diagnostic[] {
  const list = Array.isArray(diags) ? (diags as Diagnostic[]) : [...diags];
  // Renames matter only across environments; one input's findings (a large plain file) keep the cheap key.
  const first = list[0]?.environments[0];
  const renames = list.some((d) => d.environments.length > 1 || d.environments[0] !== first);
  const byKey = new Map<string, Diagnostic>();
  // Copied only when a second environment merges in: a large single input keeps one object per finding.
  const copied = new Set<Diagnostic>();
  const renamed = new Set<Diagnostic>();
  for (const d of list) {
    const key = diagnosticKey(d, renames);
    let seen = byKey.get(key);
    if (!seen) {
      byKey.set(key, d);
      continue;
    }
    if (!copied.has(seen)) {
      seen = { ...seen, environments: [...seen.environments] };
      copied.add(seen);
      byKey.set(key, seen);
    }
    for (const env of d.environments) if (!seen.environments.includes(env)) seen.environments.push(env);
    if (
      d.resource &&
      seen.resource &&
      (d.resource.name !== seen.resource.name || d.resource.namespace !== seen.resource.namespace)
    ) {
      seen.resources = { ...perEnvironment(seen), ...perEnvironment(d) };
      renamed.add(seen);
    }
  }
  for (const d of renamed) d.message = sharedNames(d);
  return sortDiagnostics([...byKey.values()]);
}

function perEnvironment(d: Diagnostic): Record<string, ResourceId> {
  if (d.resources) return d.resources;
  const out: Record<string, ResourceId> = {};
  for (const env of d.environments) out[env] = d.resource!;
  return out;
}

function namesOf(d: Diagnostic): { names: string[]; namespaces: string[] } {
  const ids = [d.resource!, ...Object.values(d.resources ?? {})];
  const names = new Set(ids.map((r) => r.name));
  const namespaces = new Set(ids.map((r) => r.namespace).filter((n): n is string => !!n));
  if (names.size > 1) names.add(commonPart([...names]));
  if (namespaces.size > 1) namespaces.add(commonPart([...namespaces]));
  return { names: [...names], namespaces: [...namespaces] };
}

/** The message with each environment's name (and namespace) replaced by the part they share. */
function sharedNames(d: Diagnostic): string {
  const ids = Object.values(d.resources ?? {});
  let message = d.message;
  const name = commonPart([...new Set(ids.map((r) => r.name))]);
  message = replaceWords(message, [d.resource!.name], name);
  const namespaces = [...new Set(ids.map((r) => r.namespace).filter((n): n is string => !!n))];
  if (namespaces.length > 1 && d.resource!.namespace)
    message = replaceWords(message, [d.resource!.namespace], commonPart(namespaces));
  return message;
}

function neutral(message: string, names: string[], namespaces: string[]): string {
  return replaceWords(replaceWords(message, names, '\u0001'), namespaces, '\u0002');
}

/** Replaces whole-word occurrences of any of `words` (longest first), leaving longer names that contain them. */
function replaceWords(text: string, words: readonly string[], by: string): string {
  const sorted = [...new Set(words)].filter((w) => w !== '').sort((a, b) => b.length - a.length);
  if (sorted.length === 0) return text;
  const pattern = new RegExp(`(?<![\\w.-])(?:${sorted.map(escapeRegExp).join('|')})(?![\\w.-])`, 'g');
  return text.replace(pattern, by);
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * What several environments' names of one resource share: the longer of their common prefix and common suffix,
 * without a dangling separator (`staging-web`, `prod-web` → `web`; `app-7f8d`, `app-9k2m` → `app`).
 */
export function commonPart(names: readonly string[]): string {
  if (names.length === 0) return '';
  if (names.every((n) => n === names[0])) return names[0];
  let prefix = names[0];
  let suffix = names[0];
  for (const n of names.slice(1)) {
    while (!n.startsWith(prefix)) prefix = prefix.slice(0, -1);
    while (!n.endsWith(suffix)) suffix = suffix.slice(1);
  }
  const trim = (s: string): string => s.replace(/^[-.]+|[-.]+$/g, '');
  const best = trim(suffix).length >= trim(prefix).length ? trim(suffix) : trim(prefix);
  return best || names[0];
}

export function sortDiagnostics(diags: Diagnostic[]): Diagnostic[] {
  return diags.sort(
    (a, b) =>
      cmp(a.source?.file ?? '\uffff', b.source?.file ?? '\uffff') ||
      (a.source?.line ?? 0) - (b.source?.line ?? 0) ||
      (a.source?.column ?? 0) - (b.source?.column ?? 0) ||
      SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] ||
      cmp(a.code, b.code) ||
      cmp(a.message, b.message),
  );
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function countBySeverity(diags: readonly Diagnostic[]): Record<Severity, number> {
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const d of diags) counts[d.severity]++;
  return counts;
}
