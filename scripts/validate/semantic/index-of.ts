// Lookup of resources by group, kind, namespace and name, built once per environment on first use.

import type { Resource } from '../../core/resource.js';

/** What the index needs of a resource: a streamed input keeps only this much of each. */
export type Identified = Pick<Resource, 'id' | 'kind'>;

export interface ResourceIndex {
  find(group: string, kind: string, namespace: string | undefined, name: string): Identified | undefined;
  /** Resources of one kind (any group). */
  ofKind(kind: string): readonly Identified[];
}

export function indexResources(resources: readonly Identified[]): ResourceIndex {
  let byId: Map<string, Identified> | undefined;
  let byKind: Map<string, Identified[]> | undefined;
  return {
    find(group, kind, namespace, name) {
      if (!byId) {
        byId = new Map();
        for (const r of resources) byId.set(key(r.id.group, r.kind, r.id.namespace, r.id.name), r);
      }
      return byId.get(key(group, kind, namespace, name));
    },
    ofKind(kind) {
      if (!byKind) {
        byKind = new Map();
        for (const r of resources) {
          const list = byKind.get(r.kind);
          if (list) list.push(r);
          else byKind.set(r.kind, [r]);
        }
      }
      return byKind.get(kind) ?? [];
    },
  };
}

function key(group: string, kind: string, namespace: string | undefined, name: string): string {
  return `${group}\u0000${kind}\u0000${namespace ?? ''}\u0000${name}`;
}
