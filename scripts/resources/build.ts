// Parsed documents → Resource objects: identity, Kustomize build annotations removed, Secret values redacted.

import { problem } from '../codes/index.js';
import { keyedHash } from '../core/machine-key.js';
import type { Finding, JsonValue, KObject, Resource, SourceDocument } from '../core/resource.js';
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
  /** Raw origin annotation text per finding (same order as `findings`), so a malformed object names its file. */
  findingOrigins: (string | undefined)[];
}

/**
 * A short fingerprint of a secret value: enough to see that it changed between two renders on this machine,
 * useless to confirm a guess. It is keyed with the machine key (core/machine-key.ts), so a fingerprint in a CI
 * log cannot be matched against a dictionary of likely values.
 */
export function secretFingerprint(value: string): string {
  return keyedHash('secret-value', value).slice(0, 12);
}

const REDACTED_PREFIX = 'kcfg-redacted:';
/** A data key Kubernetes accepts; anything else (`API_TOKEN hunter2` from an env line without `=`) may be a value. */
const VALID_KEY = /^[-._a-zA-Z0-9]+$/;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/**
 * Every value under `data` and `stringData` is replaced, whatever its YAML type (a number, a list, a map);
 * keys that are not valid data keys are replaced too. Redacted values keep their schema's verdict: a valid
 * `data` value stays valid base64, an invalid one (checked before redacting) stays invalid, a non-string
 * stays a non-string, and a replaced key stays an invalid key, so validation still reports each at its line.
 */
export function redactSecret(obj: KObject): void {
  for (const field of ['data', 'stringData'] as const) {
    const map = obj[field];
    if (!isObject(map)) {
      if (map !== undefined && map !== null) obj[field] = redactValue(map, field);
      continue;
    }
    const out: KObject = {};
    for (const [k, v] of Object.entries(map)) {
      const key = VALID_KEY.test(k) ? k : `${REDACTED_PREFIX}key ${secretFingerprint(k)}`;
      out[key] = redactValue(v, field);
    }
    obj[field] = out;
  }
}

function redactValue(v: JsonValue, field: 'data' | 'stringData'): JsonValue {
  if (typeof v !== 'string') {
    // Keep the type (the schema wants a string), drop the content.
    const marker = `${REDACTED_PREFIX}${secretFingerprint(JSON.stringify(v))}`;
    return Array.isArray(v)
      ? [marker]
      : isObject(v)
        ? { redacted: marker }
        : typeof v === 'number'
          ? 0
          : typeof v === 'boolean'
            ? false
            : null;
  }
  const marker = REDACTED_PREFIX + secretFingerprint(v);
  if (field === 'stringData') return marker;
  return BASE64.test(v.replace(/\s+/g, '')) ? Buffer.from(marker).toString('base64') : `!${marker} (not base64)`;
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
  const findingOrigins: (string | undefined)[] = [];
  for (const { doc, value } of documents) {
    const issue = shapeProblem(value);
    if (issue) {
      const source = doc.pointer ? withoutExact(positionInDocument(doc, '')) : docStart(doc);
      findings.push({ ...problem('resource/malformed', { problem: issue }), source });
      findingOrigins.push(isObject(value) ? stripBuildAnnotations(value) : undefined);
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
  return { resources, findings, origins, findingOrigins };
}

function shapeProblem(value: unknown): string | undefined {
  if (!isObject(value)) return `document is a ${Array.isArray(value) ? 'list' : typeof value}, not a Kubernetes object`;
  if (typeof value['apiVersion'] !== 'string' || value['apiVersion'] === '') return 'object has no apiVersion';
  if (typeof value['kind'] !== 'string' || value['kind'] === '') return 'object has no kind';
  const meta = value['metadata'];
  if (!isObject(meta)) return `${value['kind']} has no metadata`;
  const name = meta['name'];
  if ((typeof name !== 'string' || name === '') && typeof meta['generateName'] !== 'string') {
    return name === undefined || name === null || name === ''
      ? `${value['kind']} has no metadata.name`
      : `${value['kind']} metadata.name must be a string, not ${Array.isArray(name) ? 'a list' : typeof name}`;
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

function withoutExact({ exact: _exact, ...loc }: ReturnType<typeof positionInDocument>): {
  file: string;
  line: number;
  column: number;
} {
  return loc;
}

/** The document's first content line: after its `---` marker, blank lines and comments. */
function docStart(doc: SourceDocument): { file: string; line: number; column: number } {
  let line = doc.line;
  for (let at = doc.start; at < doc.end; line++) {
    const nl = doc.text.indexOf('\n', at);
    const end = nl < 0 || nl > doc.end ? doc.end : nl;
    const text = doc.text
      .slice(at, end)
      .trim()
      .replace(/^---(?=\s|$)\s*/, '');
    if (text !== '' && !text.startsWith('#')) return { file: doc.file, line, column: 1 };
    if (nl < 0) break;
    at = nl + 1;
  }
  return { file: doc.file, line: doc.line, column: 1 };
}
