// Values that are never shown: Secret data, templated data of secret-producing kinds, any pointer the
// configuration marks sensitive, and credentials written into manifests (the value of an env variable named
// like a password or token, a PEM private key anywhere). Changes to them show short hashes, so a reviewer
// sees that (not what) something changed.

import { keyedHash } from '../core/machine-key.js';
import { isObject, type JsonValue } from '../core/resource.js';
import { isCredentialName, PRIVATE_KEY_BLOCK } from '../resources/secret-text.js';
import {
  appliesToKind,
  compilePattern,
  couldMatchBelow,
  matchesPathOrAncestor,
  type PointerPattern,
} from './pattern.js';
import type { Shown } from './types.js';

const BUILTIN: string[] = [
  'Secret:/data/**',
  'Secret:/stringData/**',
  'external-secrets.io/ExternalSecret:/spec/target/template/data/**',
  'external-secrets.io/ExternalSecret:/spec/target/template/stringData/**',
  'external-secrets.io/ClusterExternalSecret:/spec/externalSecretSpec/target/template/data/**',
  'bitnami.com/SealedSecret:/spec/encryptedData/**',
  'bitnami.com/SealedSecret:/spec/template/data/**',
];

/** Keyed with the machine key: equal values give equal hashes in one report, a guess cannot be confirmed. */
export function shortHash(value: JsonValue | undefined): string {
  return 'hash:' + keyedHash('diff-value', JSON.stringify(value ?? null)).slice(0, 8);
}

export class SensitiveMatcher {
  private readonly patterns: PointerPattern[];

  constructor(extra: readonly string[]) {
    this.patterns = [...BUILTIN, ...extra].map(compilePattern);
  }

  private forKind(group: string, kind: string): PointerPattern[] {
    return this.patterns.filter((p) => {
      if (p.kind === 'Secret' && p.group === undefined) return kind === 'Secret' && group === '';
      return appliesToKind(p, group, kind);
    });
  }

  /** A masker for one kind: decides per path, masks nested values of added/removed subtrees. */
  masker(group: string, kind: string): Masker {
    return new Masker(this.forKind(group, kind));
  }
}

export class Masker {
  constructor(private readonly patterns: PointerPattern[]) {}

  isSensitive(segments: readonly string[]): boolean {
    return this.patterns.some((p) => matchesPathOrAncestor(p.segments, segments));
  }

  /** Whether anything at or under `segments` is sensitive. */
  touchesSensitive(segments: readonly string[]): boolean {
    return this.patterns.some((p) => couldMatchBelow(p.segments, segments));
  }

  /**
   * Whether the value at `segments` of `object` is hidden: a sensitive pattern, a credential env variable's
   * value (`.../env/3/value` where item 3 is named like a password), or a private key.
   */
  hides(object: JsonValue, segments: readonly string[], value: JsonValue | undefined): boolean {
    if (this.isSensitive(segments)) return true;
    if (typeof value === 'string' && PRIVATE_KEY_BLOCK.test(value)) return true;
    if (segments[segments.length - 1] !== 'value') return false;
    let parent: JsonValue | undefined = object;
    for (const s of segments.slice(0, -1))
      parent = isObject(parent) ? parent[s] : Array.isArray(parent) ? parent[Number(s)] : undefined;
    return isCredentialEntry(parent);
  }

  /** `value` at `segments` of `object`, as people may see it. */
  show(object: JsonValue, value: JsonValue | undefined, segments: readonly string[]): Shown {
    if (this.hides(object, segments, value)) return { hash: shortHash(value) };
    return { value: this.maskBelow(value ?? null, [...segments]) };
  }

  private maskBelow(value: JsonValue, segments: string[]): JsonValue {
    if (typeof value !== 'object' || value === null) return value;
    if (!this.touchesSensitive(segments) && !holdsCredential(value)) return value;
    if (Array.isArray(value)) return value.map((v, i) => this.maskChild(v, [...segments, String(i)], false));
    const credential = isCredentialEntry(value);
    const out: Record<string, JsonValue> = {};
    for (const [k, v] of Object.entries(value))
      out[k] = this.maskChild(v, [...segments, k], credential && k === 'value');
    return out;
  }

  private maskChild(value: JsonValue, segments: string[], credential: boolean): JsonValue {
    if (credential || this.isSensitive(segments) || (typeof value === 'string' && PRIVATE_KEY_BLOCK.test(value)))
      return `(hidden ${shortHash(value)})`;
    return isObject(value) || Array.isArray(value) ? this.maskBelow(value, segments) : value;
  }
}

/** An env entry `{ name: DB_PASSWORD, value: ... }` (a literal credential; valueFrom is a reference, shown). */
function isCredentialEntry(v: JsonValue | undefined): boolean {
  return isObject(v) && typeof v['name'] === 'string' && v['value'] !== undefined && isCredentialName(v['name']);
}

/** Whether a credential entry or a private key sits anywhere in `value`. */
function holdsCredential(value: JsonValue): boolean {
  if (typeof value === 'string') return PRIVATE_KEY_BLOCK.test(value);
  if (Array.isArray(value)) return value.some(holdsCredential);
  if (!isObject(value)) return false;
  return isCredentialEntry(value) || Object.values(value).some(holdsCredential);
}
