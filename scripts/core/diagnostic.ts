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
}

export function resourceKey(id: ResourceId): string {
  return `${id.group}/${id.kind}/${id.namespace ?? ''}/${id.name}`;
}

export function formatResourceId(id: ResourceId): string {
  const gk = id.group ? `${id.kind}.${id.group}` : id.kind;
  return id.namespace ? `${gk} ${id.namespace}/${id.name}` : `${gk} ${id.name}`;
}

/** Identity of a finding regardless of environment, used to merge duplicates across environments. */
export function diagnosticKey(d: Diagnostic): string {
  const src = d.source ? `${d.source.file}:${d.source.line}:${d.source.column}` : '';
  const res = d.resource ? `${d.resource.group}/${d.resource.kind}/${d.resource.name}` : '';
  return [d.code, d.severity, d.message, res, d.pointer ?? '', src].join('\u0000');
}

/** Merge findings that are the same in several environments into one that lists them all. */
export function mergeDiagnostics(diags: Iterable<Diagnostic>): Diagnostic[] {
  const byKey = new Map<string, Diagnostic>();
  // Copied only when a second environment merges in: a large single input keeps one object per finding.
  const copied = new Set<Diagnostic>();
  for (const d of diags) {
    const key = diagnosticKey(d);
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
  }
  return sortDiagnostics([...byKey.values()]);
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
