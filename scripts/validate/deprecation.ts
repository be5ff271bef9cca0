// Deprecated and removed APIs for an environment's target version, from schemas/api-availability.json
// (each `<apiVersion>/<Kind>` → first and last Kubernetes release that serves it).

import { problem, type Problem } from '../codes/index.js';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { KcfgError } from '../core/errors.js';
import type { Finding, Resource } from '../core/resource.js';
import { compareMinor } from './finding.js';
import { schemasDir } from '../schemas/location.js';

export interface Availability {
  first: string;
  last: string;
}

interface Served {
  apiVersion: string;
  version: string;
  first: string;
  last: string;
}

/** Versions of one group+kind, with the releases that serve them. */
export interface ApiTable {
  /** Newest release the table knows. */
  newest: string;
  byGroupKind: Map<string, Served[]>;
  /** Verdicts by target version, apiVersion and kind: they repeat for every resource of a kind. */
  memo: Map<string, Verdict | null>;
}

type Verdict = Problem;

// Removals before the table's first release (1.23); Kustomize trees still carry these.
const HISTORIC: Record<string, { removed: string; replacement: string }> = {
  'extensions/v1beta1/Deployment': { removed: '1.16', replacement: 'apps/v1' },
  'extensions/v1beta1/DaemonSet': { removed: '1.16', replacement: 'apps/v1' },
  'extensions/v1beta1/ReplicaSet': { removed: '1.16', replacement: 'apps/v1' },
  'extensions/v1beta1/NetworkPolicy': { removed: '1.16', replacement: 'networking.k8s.io/v1' },
  'extensions/v1beta1/Ingress': { removed: '1.22', replacement: 'networking.k8s.io/v1' },
  'apps/v1beta1/Deployment': { removed: '1.16', replacement: 'apps/v1' },
  'apps/v1beta1/StatefulSet': { removed: '1.16', replacement: 'apps/v1' },
  'apps/v1beta2/Deployment': { removed: '1.16', replacement: 'apps/v1' },
  'apps/v1beta2/StatefulSet': { removed: '1.16', replacement: 'apps/v1' },
  'apps/v1beta2/DaemonSet': { removed: '1.16', replacement: 'apps/v1' },
  'apps/v1beta2/ReplicaSet': { removed: '1.16', replacement: 'apps/v1' },
  'networking.k8s.io/v1beta1/Ingress': { removed: '1.22', replacement: 'networking.k8s.io/v1' },
  'networking.k8s.io/v1beta1/IngressClass': { removed: '1.22', replacement: 'networking.k8s.io/v1' },
  'rbac.authorization.k8s.io/v1beta1/Role': { removed: '1.22', replacement: 'rbac.authorization.k8s.io/v1' },
  'rbac.authorization.k8s.io/v1beta1/ClusterRole': { removed: '1.22', replacement: 'rbac.authorization.k8s.io/v1' },
  'rbac.authorization.k8s.io/v1beta1/RoleBinding': { removed: '1.22', replacement: 'rbac.authorization.k8s.io/v1' },
  'rbac.authorization.k8s.io/v1beta1/ClusterRoleBinding': {
    removed: '1.22',
    replacement: 'rbac.authorization.k8s.io/v1',
  },
  'apiextensions.k8s.io/v1beta1/CustomResourceDefinition': { removed: '1.22', replacement: 'apiextensions.k8s.io/v1' },
  'admissionregistration.k8s.io/v1beta1/MutatingWebhookConfiguration': {
    removed: '1.22',
    replacement: 'admissionregistration.k8s.io/v1',
  },
  'admissionregistration.k8s.io/v1beta1/ValidatingWebhookConfiguration': {
    removed: '1.22',
    replacement: 'admissionregistration.k8s.io/v1',
  },
  'scheduling.k8s.io/v1beta1/PriorityClass': { removed: '1.22', replacement: 'scheduling.k8s.io/v1' },
  'storage.k8s.io/v1beta1/StorageClass': { removed: '1.22', replacement: 'storage.k8s.io/v1' },
  'coordination.k8s.io/v1beta1/Lease': { removed: '1.22', replacement: 'coordination.k8s.io/v1' },
  'certificates.k8s.io/v1beta1/CertificateSigningRequest': { removed: '1.22', replacement: 'certificates.k8s.io/v1' },
};

export function buildApiTable(entries: Record<string, Availability>): ApiTable {
  const byGroupKind = new Map<string, Served[]>();
  let newest = '0.0';
  for (const [key, value] of Object.entries(entries)) {
    if (!value || typeof value.first !== 'string' || typeof value.last !== 'string') continue;
    const slash = key.lastIndexOf('/');
    if (slash < 0) continue;
    const apiVersion = key.slice(0, slash);
    const kind = key.slice(slash + 1);
    const vslash = apiVersion.lastIndexOf('/');
    const group = vslash < 0 ? '' : apiVersion.slice(0, vslash);
    const version = vslash < 0 ? apiVersion : apiVersion.slice(vslash + 1);
    const gk = `${group}/${kind}`;
    const list = byGroupKind.get(gk) ?? [];
    list.push({ apiVersion, version, first: value.first, last: value.last });
    byGroupKind.set(gk, list);
    if (compareMinor(value.last, newest) > 0) newest = value.last;
  }
  for (const list of byGroupKind.values()) list.sort((a, b) => compareApiVersions(b.version, a.version));
  return { newest, byGroupKind, memo: new Map() };
}

const loaded = new Map<string, ApiTable>();

/** The committed table (or the one in `dir`), read once per process. */
export function loadApiTable(dir: string = schemasDir()): ApiTable {
  const file = join(dir, 'api-availability.json');
  const cached = loaded.get(file);
  if (cached) return cached;
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new KcfgError(
      `cannot read the API availability table ${file}: ${e instanceof Error ? e.message : String(e)}`,
      2,
      undefined,
      'regenerate schemas with `npm run schemas -- <upstream dir>`',
    );
  }
  const table = buildApiTable(entriesOf(raw));
  loaded.set(file, table);
  return table;
}

/** The table's entries, whether the file is the plain map or wraps it (metadata keys are skipped). */
function entriesOf(raw: unknown): Record<string, Availability> {
  if (typeof raw !== 'object' || raw === null) return {};
  const obj = raw as Record<string, unknown>;
  for (const wrapper of ['apis', 'availability', 'kinds']) {
    const inner = obj[wrapper];
    if (typeof inner === 'object' && inner !== null && !Array.isArray(inner))
      return inner as Record<string, Availability>;
  }
  return obj as Record<string, Availability>;
}

/** Kubernetes version priority: GA over beta over alpha, higher numbers first (v2 > v1 > v1beta2 > v1beta1 > v1alpha1). */
export function compareApiVersions(a: string, b: string): number {
  return rank(a) - rank(b);
}

const VERSION = /^v(\d+)(?:(alpha|beta)(\d+))?$/;

function rank(v: string): number {
  const m = VERSION.exec(v);
  if (!m) return -1;
  const major = Number(m[1]);
  const stage = m[2] === undefined ? 2 : m[2] === 'beta' ? 1 : 0;
  const minor = m[3] === undefined ? 0 : Number(m[3]);
  return stage * 1_000_000 + major * 1000 + minor;
}

function isPrerelease(version: string): boolean {
  return version.includes('alpha') || version.includes('beta');
}

function served(s: Served, target: string): boolean {
  return compareMinor(s.first, target) <= 0 && compareMinor(target, s.last) <= 0;
}

/** One removed/deprecated finding for a resource, or none. Unknown group-version-kinds are left to the schema check. */
export function checkDeprecation(resource: Resource, kubernetesVersion: string, table: ApiTable): Finding | undefined {
  const key = `${kubernetesVersion}\u0000${resource.apiVersion}\u0000${resource.kind}`;
  let verdict = table.memo.get(key);
  if (verdict === undefined) {
    verdict = apiVerdict(resource.apiVersion, resource.id.group, resource.kind, kubernetesVersion, table) ?? null;
    table.memo.set(key, verdict);
  }
  if (verdict === null) return undefined;
  return { ...verdict, subject: resource, pointer: '/apiVersion' };
}

function apiVerdict(
  apiVersion: string,
  group: string,
  kind: string,
  kubernetesVersion: string,
  table: ApiTable,
): Verdict | undefined {
  // Past the newest release the table knows, nothing can be called removed yet.
  const target = compareMinor(kubernetesVersion, table.newest) > 0 ? table.newest : kubernetesVersion;
  const list = table.byGroupKind.get(`${group}/${kind}`);
  const self = list?.find((s) => s.apiVersion === apiVersion);
  if (!list || !self) {
    const historic = HISTORIC[`${apiVersion}/${kind}`];
    if (!historic) return undefined;
    return problem('api/removed', { apiVersion, kind, removedIn: historic.removed, replacement: historic.replacement });
  }
  const replacementAt = (release: string): Served | undefined => list.find((s) => s !== self && served(s, release));
  if (compareMinor(target, self.last) > 0) {
    const repl = replacementAt(target);
    return problem('api/removed', {
      apiVersion,
      kind,
      removedIn: nextMinor(self.last),
      target,
      ...(repl ? { replacement: repl.apiVersion } : {}),
    });
  }
  if (compareMinor(target, self.first) < 0) return undefined;
  const newer = replacementAt(target);
  const gaNow = newer && !isPrerelease(newer.version) && isPrerelease(self.version) ? newer : undefined;
  if (gaNow) {
    return problem('api/deprecated', {
      apiVersion,
      kind,
      preferred: gaNow.apiVersion,
      ...(compareMinor(self.last, table.newest) < 0 ? { removedIn: nextMinor(self.last) } : {}),
    });
  }
  if (compareMinor(self.last, table.newest) < 0) {
    const repl = newer ?? replacementAt(table.newest);
    return problem('api/deprecated', {
      apiVersion,
      kind,
      removedIn: nextMinor(self.last),
      ...(repl ? { replacement: repl.apiVersion } : {}),
    });
  }
  return undefined;
}

function nextMinor(version: string): string {
  const [major = 1, minor = 0] = version.split('.').map(Number);
  return `${major}.${minor + 1}`;
}
