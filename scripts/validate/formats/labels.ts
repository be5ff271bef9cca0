// Label and annotation syntax: qualified keys (`[prefix/]name`), label values, total annotation size.

import { isDns1123Subdomain, LABEL_MAX, SUBDOMAIN_MAX } from './names.js';

const QUALIFIED_NAME = /^[A-Za-z0-9](?:[-A-Za-z0-9_.]*[A-Za-z0-9])?$/;

/** 256 KiB: the API server's limit on the sum of all annotation keys and values of one object. */
export const ANNOTATIONS_MAX_BYTES = 256 * 1024;

// Keys and values repeat across thousands of resources; remembering the good ones skips the regexes.
const GOOD_KEYS = new Set<string>();
const GOOD_VALUES = new Set<string>();
const MEMO_MAX = 20_000;

function remember(set: Set<string>, s: string): undefined {
  if (set.size >= MEMO_MAX) set.clear();
  set.add(s);
  return undefined;
}

/** Problem with a label or annotation key, or undefined. */
export function qualifiedKeyProblem(key: string): string | undefined {
  if (GOOD_KEYS.has(key)) return undefined;
  const problem = keyProblem(key);
  return problem ?? remember(GOOD_KEYS, key);
}

function keyProblem(key: string): string | undefined {
  const slash = key.indexOf('/');
  const name = slash < 0 ? key : key.slice(slash + 1);
  if (slash >= 0) {
    const prefix = key.slice(0, slash);
    if (prefix === '') return `key ${JSON.stringify(key)} has an empty prefix before '/'`;
    if (!isDns1123Subdomain(prefix))
      return `key prefix ${JSON.stringify(prefix)} must be a DNS-1123 subdomain (lowercase, at most ${SUBDOMAIN_MAX} characters)`;
  }
  if (name === '') return `key ${JSON.stringify(key)} has an empty name`;
  if (name.length > LABEL_MAX)
    return `key name ${JSON.stringify(name)} is ${name.length} characters, at most ${LABEL_MAX} allowed`;
  if (!QUALIFIED_NAME.test(name)) {
    return `key name ${JSON.stringify(name)} must consist of letters, digits, '-', '_' or '.', and start and end with a letter or digit`;
  }
  return undefined;
}

export function labelValueProblem(value: string): string | undefined {
  if (value === '' || GOOD_VALUES.has(value)) return undefined;
  const problem = valueProblem(value);
  return problem ?? remember(GOOD_VALUES, value);
}

function valueProblem(value: string): string | undefined {
  if (value.length > LABEL_MAX) return `label value is ${value.length} characters, at most ${LABEL_MAX} allowed`;
  if (!QUALIFIED_NAME.test(value))
    return `label value ${JSON.stringify(value)} must consist of letters, digits, '-', '_' or '.', and start and end with a letter or digit`;
  return undefined;
}

/** Size the API server counts (bytes of every key and value); cheap for the common ASCII case. */
export function annotationsSize(annotations: Record<string, unknown>): number {
  let chars = 0;
  for (const k in annotations) {
    const v = annotations[k];
    chars += k.length + (typeof v === 'string' ? v.length : 0);
  }
  // UTF-16 length × 3 bounds the UTF-8 byte length, so exact counting is needed only near the limit.
  if (chars * 3 <= ANNOTATIONS_MAX_BYTES) return chars;
  let bytes = 0;
  for (const k in annotations) {
    const v = annotations[k];
    bytes += Buffer.byteLength(k) + (typeof v === 'string' ? Buffer.byteLength(v) : 0);
  }
  return bytes;
}
