// Machine-readable diff; the schema is documented in docs/diff.md. Resources are never embedded, only ids.

import type { ResourceId } from '../core/diagnostic.js';
import { sectionsDiffer, type DiffSection, type FieldChange, type SectionStatus } from '../diff/types.js';
import { counts, type Counts } from '../diff/describe.js';

export interface JsonDiffReport {
  kind: 'kcfg.diff';
  version: 1;
  hasDifferences: boolean;
  sections: JsonSection[];
}

export interface JsonSection {
  title: string;
  status: SectionStatus;
  reason?: string;
  a?: string;
  b?: string;
  counts?: Counts;
  resources?: JsonResource[];
}

export interface JsonResource {
  change: 'added' | 'removed' | 'modified';
  id: ResourceId;
  a?: ResourceId;
  b?: ResourceId;
  changes: FieldChange[];
  notes: string[];
}

export function toJsonReport(sections: readonly DiffSection[]): JsonDiffReport {
  return {
    kind: 'kcfg.diff',
    version: 1,
    hasDifferences: sectionsDiffer(sections),
    sections: sections.map((s) => {
      const out: JsonSection = { title: s.title, status: s.status };
      if (s.reason) out.reason = s.reason;
      if (s.diff) {
        out.a = s.diff.a;
        out.b = s.diff.b;
        out.counts = counts(s.diff);
        out.resources = s.diff.resources.map((r) => {
          const jr: JsonResource = { change: r.kind, id: r.id, changes: r.changes, notes: r.notes };
          if (r.a) jr.a = r.a;
          if (r.b) jr.b = r.b;
          return jr;
        });
      }
      return out;
    }),
  };
}

export function formatJson(sections: readonly DiffSection[]): string {
  return JSON.stringify(toJsonReport(sections), null, 2) + '\n';
}
