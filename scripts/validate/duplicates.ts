// Two resources with the same group, kind, namespace and name in one environment: the later one would
// overwrite the earlier when applied.

import { problem } from '../codes/index.js';
import { formatResourceId } from '../core/diagnostic.js';
import type { Finding, Resource } from '../core/resource.js';
import { finding } from './finding.js';

export function checkDuplicates(resources: readonly Resource[]): Finding[] {
  const first = new Map<string, Resource>();
  const out: Finding[] = [];
  for (const r of resources) {
    const key = `${r.id.group}\u0000${r.kind}\u0000${r.id.namespace ?? ''}\u0000${r.id.name}`;
    const seen = first.get(key);
    if (!seen) {
      first.set(key, r);
      continue;
    }
    const where = seen.rendered.file === r.rendered.file ? `document ${seen.rendered.index + 1}` : seen.rendered.file;
    out.push(
      finding(
        r,
        '/metadata/name',
        problem('resource/duplicate', { resource: formatResourceId(r.id), where, line: seen.rendered.line }),
      ),
    );
  }
  return out;
}
