// Values that are never shown: Secret data, templated data of secret-producing kinds, and any pointer the
// configuration marks sensitive. Changes to them show short hashes, so a reviewer sees that (not what)
// something changed.

import { keyedHash } from '../core/machine-key.js';
import { isObject, type JsonValue } from '../core/resource.js';
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

  show(value: JsonValue | undefined, segments: readonly string[]): Shown {
    if (this.isSensitive(segments)) return { hash: shortHash(value) };
    return { value: this.maskBelow(value ?? null, [...segments]) };
  }

  private maskBelow(value: JsonValue, segments: string[]): JsonValue {
    if (typeof value !== 'object' || value === null || !this.touchesSensitive(segments)) return value;
    if (Array.isArray(value)) return value.map((v, i) => this.maskChild(v, [...segments, String(i)]));
    const out: Record<string, JsonValue> = {};
    for (const [k, v] of Object.entries(value)) out[k] = this.maskChild(v, [...segments, k]);
    return out;
  }

  private maskChild(value: JsonValue, segments: string[]): JsonValue {
    if (this.isSensitive(segments)) return `(hidden ${shortHash(value)})`;
    return isObject(value) || Array.isArray(value) ? this.maskBelow(value, segments) : value;
  }
}
