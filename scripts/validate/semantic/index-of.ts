// Lookup of resources by group, kind, namespace and name, built once per environment on first use.

import type { Resource } from '../../core/resource.js';

export interface ResourceIndex {
  find(group: string, kind: string, namespace: string | undefined, name: string): Resource | undefined;
  /** Resources of one kind (any group). */
  ofKind(kind: string): readonly Resource[];
}

export function indexResources(resources: readonly Resource[]): ResourceIndex {
  let byId: Map<string, Resource> | undefined;
  let byKind: Map<string, Resource[]> | undefined;
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
