// Two resources with the same group, kind, namespace and name in one environment: the later one would
// overwrite the earlier when applied.

import { problem } from '../codes/index.js';
import { formatResourceId, type ResourceId } from '../core/diagnostic.js';
import type { Finding, Resource } from '../core/resource.js';
import { finding } from './finding.js';

/** What makes two resources the same object to the API server. */
export function identityKey(id: ResourceId, kind: string): string {
  return `${id.group}\u0000${kind}\u0000${id.namespace ?? ''}\u0000${id.name}`;
}

/** Where the first of the duplicates sits: its file, document index and line. */
export interface FirstSeen {
  file: string;
  index: number;
  line: number;
}

export function checkDuplicates(resources: readonly Resource[]): Finding[] {
  const first = new Map<string, FirstSeen>();
  const out: Finding[] = [];
  for (const r of resources) {
    const key = identityKey(r.id, r.kind);
    const seen = first.get(key);
    if (seen) out.push(duplicateOf(r, seen));
    else first.set(key, r.rendered);
  }
  return out;
}

/** The finding on `r`, a later copy of the resource first seen at `seen`. */
export function duplicateOf(r: Resource, seen: FirstSeen): Finding {
  const where = seen.file === r.rendered.file ? `document ${seen.index + 1}` : seen.file;
  return finding(
    r,
    '/metadata/name',
    problem('resource/duplicate', { resource: formatResourceId(r.id), where, line: seen.line }),
  );
}
