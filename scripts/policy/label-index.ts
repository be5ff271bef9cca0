// Label-selector lookups without scanning every candidate: items are bucketed by namespace and by each
// `key=value` label, so a selector with matchLabels only checks the smallest bucket it names.

import { selectorMatches, type LabelSelector } from '../core/pods.js';

interface Entry<T> {
  labels: Record<string, string>;
  item: T;
}

interface Bucket<T> {
  all: Entry<T>[];
  byPair: Map<string, Entry<T>[]>;
}

export class LabelIndex<T> {
  private readonly namespaces = new Map<string, Bucket<T>>();

  add(namespace: string | undefined, labels: Record<string, string>, item: T): void {
    const ns = namespace ?? '';
    let bucket = this.namespaces.get(ns);
    if (!bucket) {
      bucket = { all: [], byPair: new Map() };
      this.namespaces.set(ns, bucket);
    }
    const entry = { labels, item };
    bucket.all.push(entry);
    for (const [k, v] of Object.entries(labels)) {
      const key = `${k}=${v}`;
      const list = bucket.byPair.get(key);
      if (list) list.push(entry);
      else bucket.byPair.set(key, [entry]);
    }
  }

  /** Items whose labels satisfy `selector` (label-selector semantics), in the given namespaces (`'*'`: all). */
  select(namespaces: string | readonly string[], selector: LabelSelector | undefined): T[] {
    if (!selector) return [];
    const out: T[] = [];
    for (const bucket of this.buckets(namespaces)) {
      for (const e of candidates(bucket, selector.matchLabels))
        if (selectorMatches(selector, e.labels)) out.push(e.item);
    }
    return out;
  }

  /** Service-style map selector: all entries must match; an empty or missing map selects nothing. */
  selectMap(namespaces: string | readonly string[], map: Record<string, string> | undefined): T[] {
    if (!map || Object.keys(map).length === 0) return [];
    return this.select(namespaces, { matchLabels: map });
  }

  private buckets(namespaces: string | readonly string[]): Bucket<T>[] {
    if (namespaces === '*') return [...this.namespaces.values()];
    const names = typeof namespaces === 'string' ? [namespaces] : namespaces;
    const out: Bucket<T>[] = [];
    for (const n of names) {
      const b = this.namespaces.get(n);
      if (b) out.push(b);
    }
    return out;
  }
}

function candidates<T>(bucket: Bucket<T>, matchLabels: Record<string, string> | undefined): Entry<T>[] {
  let best: Entry<T>[] | undefined;
  for (const [k, v] of Object.entries(matchLabels ?? {})) {
    const list = bucket.byPair.get(`${k}=${v}`);
    if (!list) return [];
    if (!best || list.length < best.length) best = list;
  }
  return best ?? bucket.all;
}
