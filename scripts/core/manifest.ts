// Typed reads of manifest objects. Objects are described by kubernetes-types (and @kubernetes-models for
// operator kinds), so a misspelt field is a compile error; every value is still unvalidated input (checks run
// on manifests that failed their schema too), so each read is tested at run time.

import { isObject, type JsonValue, type KObject, type Resource } from './resource.js';

/** An object of type T as a manifest holds it: T's field names, each value of unknown shape. */
export type Manifest<T> = { readonly [K in keyof T]?: unknown };

type Element<V> = V extends readonly (infer E)[] ? E : never;

/** The resource's object, viewed as T. */
export function manifest<T>(resource: Resource): Manifest<T> {
  return resource.object as Manifest<T>;
}

/** The object at `key`, when it is one. */
export function sub<T, K extends keyof T>(
  obj: Manifest<T> | undefined,
  key: K,
): Manifest<NonNullable<T[K]>> | undefined {
  const v = obj?.[key];
  return isObject(v) ? (v as Manifest<NonNullable<T[K]>>) : undefined;
}

/** The objects in the list at `key`, with their indexes; anything else there yields nothing. */
export function items<T, K extends keyof T>(
  obj: Manifest<T> | undefined,
  key: K,
): [Manifest<Element<NonNullable<T[K]>>>, number][] {
  const v = obj?.[key];
  if (!Array.isArray(v)) return [];
  const out: [Manifest<Element<NonNullable<T[K]>>>, number][] = [];
  v.forEach((item: unknown, i) => {
    if (isObject(item)) out.push([item as Manifest<Element<NonNullable<T[K]>>>, i]);
  });
  return out;
}

/** The string at `key`, when it is one. */
export function str<T>(obj: Manifest<T> | undefined, key: keyof T): string | undefined {
  const v = obj?.[key];
  return typeof v === 'string' ? v : undefined;
}

/** A field read without a type: for fields newer than the published types (pod-level `resources`). */
export function field(obj: object | undefined, key: string): JsonValue | undefined {
  return obj === undefined ? undefined : (obj as KObject)[key];
}
