// Parsed documents → Resource objects: identity, Kustomize build annotations removed, Secret values redacted.

import { createHash } from 'node:crypto';
import type { Finding, KObject, Resource, SourceDocument } from '../core/resource.js';
import { isObject, splitApiVersion } from '../core/resource.js';
import type { ParsedDocument } from './parse.js';
import { positionInDocument } from './position.js';

export const ORIGIN_ANNOTATION = 'config.kubernetes.io/origin';
export const TRANSFORMATIONS_ANNOTATION = 'alpha.config.kubernetes.io/transformations';
const BUILD_ANNOTATIONS = [ORIGIN_ANNOTATION, TRANSFORMATIONS_ANNOTATION];

export interface BuiltResources {
  resources: Resource[];
  findings: Finding[];
  /** Raw origin annotation text per resource (same order as `resources`), for provenance. */
  origins: (string | undefined)[];
}

/** A short, stable fingerprint of a secret value: enough to see that it changed, useless to recover it. */
export function secretFingerprint(value: string): string {
  return createHash('sha256').update(value).digest('hex').slice(0, 12);
}

const REDACTED_PREFIX = 'kcfg-redacted:';

/** Redacted values stay valid for their schema: `data` values remain base64, `stringData` plain strings. */
export function redactSecret(obj: KObject): void {
  const data = obj['data'];
  if (isObject(data)) {
    for (const [k, v] of Object.entries(data)) {
      if (typeof v === 'string') data[k] = Buffer.from(REDACTED_PREFIX + secretFingerprint(v)).toString('base64');
    }
  }
  const stringData = obj['stringData'];
  if (isObject(stringData)) {
    for (const [k, v] of Object.entries(stringData)) {
      if (typeof v === 'string') stringData[k] = REDACTED_PREFIX + secretFingerprint(v);
    }
  }
}

export function isSecret(obj: KObject): boolean {
  return obj['kind'] === 'Secret' && (obj['apiVersion'] === 'v1' || obj['apiVersion'] === undefined);
}

/**
 * Turn parsed documents into resources. Documents that are not Kubernetes objects become findings.
 * `env` is the environment name (or input file name for plain validation).
 */
export function buildResources(documents: ParsedDocument[], env: string): BuiltResources {
  const resources: Resource[] = [];
  const findings: Finding[] = [];
  const origins: (string | undefined)[] = [];
  for (const { doc, value } of documents) {
    const problem = shapeProblem(value);
    if (problem) {
      const source = doc.pointer ? withoutExact(positionInDocument(doc, '')) : docStart(doc);
      findings.push({ code: 'resource/malformed', severity: 'error', message: problem, source });
      continue;
    }
    const object = value as KObject;
    const origin = stripBuildAnnotations(object);
    if (isSecret(object)) redactSecret(object);
    const apiVersion = object['apiVersion'] as string;
    const kind = object['kind'] as string;
    const meta = object['metadata'] as KObject;
    const { group, version } = splitApiVersion(apiVersion);
    const namespace = typeof meta['namespace'] === 'string' ? meta['namespace'] : undefined;
    resources.push({
      id: { group, version, kind, name: String(meta['name']), ...(namespace ? { namespace } : {}) },
      apiVersion,
      kind,
      object,
      env,
      rendered: doc,
    });
    origins.push(origin);
  }
  return { resources, findings, origins };
}

function shapeProblem(value: unknown): string | undefined {
  if (!isObject(value)) return `document is a ${Array.isArray(value) ? 'list' : typeof value}, not a Kubernetes object`;
  if (typeof value['apiVersion'] !== 'string' || value['apiVersion'] === '') return 'object has no apiVersion';
  if (typeof value['kind'] !== 'string' || value['kind'] === '') return 'object has no kind';
  const meta = value['metadata'];
  if (!isObject(meta)) return `${value['kind']} has no metadata`;
  const name = meta['name'];
  if ((typeof name !== 'string' || name === '') && typeof meta['generateName'] !== 'string') {
    return name === undefined || name === null || name === '' ? `${value['kind']} has no metadata.name` : `${value['kind']} metadata.name must be a string, not ${Array.isArray(name) ? 'a list' : typeof name}`;
  }
  return undefined;
}

/** Remove Kustomize's build annotations (and an emptied annotations map); return the origin annotation text. */
function stripBuildAnnotations(object: KObject): string | undefined {
  const meta = object['metadata'];
  if (!isObject(meta)) return undefined;
  const annotations = meta['annotations'];
  if (!isObject(annotations)) return undefined;
  const origin = annotations[ORIGIN_ANNOTATION];
  for (const a of BUILD_ANNOTATIONS) delete annotations[a];
  if (Object.keys(annotations).length === 0) delete meta['annotations'];
  return typeof origin === 'string' ? origin : undefined;
}

function withoutExact({ exact: _exact, ...loc }: ReturnType<typeof positionInDocument>): { file: string; line: number; column: number } {
  return loc;
}

/** The document's first content line: after its `---` marker, blank lines and comments. */
function docStart(doc: SourceDocument): { file: string; line: number; column: number } {
  let line = doc.line;
  for (let at = doc.start; at < doc.end; line++) {
    const nl = doc.text.indexOf('\n', at);
    const end = nl < 0 || nl > doc.end ? doc.end : nl;
    const text = doc.text.slice(at, end).trim().replace(/^---(?=\s|$)\s*/, '');
    if (text !== '' && !text.startsWith('#')) return { file: doc.file, line, column: 1 };
    if (nl < 0) break;
    at = nl + 1;
  }
  return { file: doc.file, line: doc.line, column: 1 };
}

