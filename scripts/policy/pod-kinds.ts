// Rows for `kcfg policies --kinds`: which kinds carry pods the policies read, where, and which rendered
// resources run containers no policy reads.

import { GENERIC_PATHS, POD_TEMPLATE_KINDS, podTemplate, unreadContainers } from '../core/pods.js';
import type { Resource } from '../core/resource.js';

export interface PodKindRow {
  /** `group/Kind`, or `Kind` for the core group. */
  kind: string;
  /** Where the pod spec is read (`/spec/template/spec`), or where containers sit unread. */
  pointer: string;
  /** `known`: kcfg knows the kind; `found`: a rendered custom kind read at a generic place; `unread`: containers no policy reads; `missing`: a pod kind without its template. */
  status: 'known' | 'found' | 'unread' | 'missing';
  /** Rendered resources of the kind (0 for known kinds not in the render). */
  count: number;
}

export function podKindRows(rendered: readonly Resource[]): PodKindRow[] {
  const rows = new Map<string, PodKindRow>();
  const add = (kind: string, pointer: string, status: PodKindRow['status'], count: number): void => {
    const id = `${kind}\u0000${status}`;
    const row = rows.get(id);
    if (row) row.count += count;
    else rows.set(id, { kind, pointer, status, count });
  };
  add('Pod', '/spec', 'known', 0);
  for (const k of POD_TEMPLATE_KINDS) add(kindName(k.group, k.kind), `/${k.path.join('/')}/spec`, 'known', 0);
  for (const r of rendered) {
    const name = kindName(r.id.group, r.kind);
    const template = podTemplate(r);
    if (template) {
      add(name, template.specPointer, rows.has(`${name}\u0000known`) ? 'known' : 'found', 1);
      continue;
    }
    const unread = unreadContainers(r);
    if (unread) add(name, unread.pointer, unread.reason === 'missing' ? 'missing' : 'unread', 1);
  }
  return [...rows.values()];
}

function kindName(group: string, kind: string): string {
  return group ? `${group}/${kind}` : kind;
}

/** The places a custom kind not listed is searched for a pod template, for the listing's footnote. */
export const GENERIC_TEMPLATE_POINTERS = GENERIC_PATHS.map((p) => `/${p.join('/')}/spec`);
