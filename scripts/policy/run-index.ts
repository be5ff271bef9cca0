// Derived indexes (pod workloads, label indexes, HPAs by target, ...) built at most once per policy run and
// shared by every policy through its context. The store lives as long as the run: nothing is kept between runs.

/** A typed key: helpers declare one each, so two helpers never share an entry by accident. */
export interface IndexKey<T> {
  readonly name: string;
  /** Phantom: ties the key to the type it stores. */
  readonly _type?: T;
}

export function indexKey<T>(name: string): IndexKey<T> {
  return { name };
}

export class RunIndex {
  private readonly entries = new Map<IndexKey<unknown>, unknown>();

  get<T>(key: IndexKey<T>, build: () => T): T {
    if (this.entries.has(key)) return this.entries.get(key) as T;
    const value = build();
    this.entries.set(key, value);
    return value;
  }
}
