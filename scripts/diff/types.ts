// The data a diff produces. Reporters in report/diff-*.ts render it; parity turns it into findings.

import type { ResourceId } from '../core/diagnostic.js';
import type { JsonValue, Resource } from '../core/resource.js';

export type ChangeOp = 'add' | 'remove' | 'replace';

/** A value shown to people: the value itself, or only its short hash when it is sensitive. */
export type Shown = { value: JsonValue } | { hash: string };

export interface FieldChange {
  /** RFC 6901 pointer: into the new object for `add`/`replace`, into the old object for `remove`. */
  path: string;
  /** The same path with list items named by their merge keys, e.g. `spec.template.spec.containers[api].image`. */
  label: string;
  op: ChangeOp;
  old?: Shown;
  new?: Shown;
  /** For `remove`: pointer of the containing map or list in the new object. */
  parent?: string;
  /** True when the value is never shown (Secret data, sensitive pattern): only hashes appear. */
  sensitive?: boolean;
}

export type ResourceChangeKind = 'added' | 'removed' | 'modified';

export interface ResourceDiff {
  kind: ResourceChangeKind;
  /** Identity with expected differences removed (namespace, prefix/suffix, generator hash). */
  id: ResourceId;
  /** Actual identities in each side, when present. */
  a?: ResourceId;
  b?: ResourceId;
  changes: FieldChange[];
  /** Extra lines for people, e.g. that pods referencing a generated ConfigMap will roll. */
  notes: string[];
  /** The resources themselves, for locating findings; never serialised. */
  resourceA?: Resource;
  resourceB?: Resource;
}

export interface EnvDiff {
  /** Environment names (or ref labels) of the two sides. */
  a: string;
  b: string;
  resources: ResourceDiff[];
  /** Count of resources paired and found identical. */
  unchanged: number;
}

export interface DiffOptions {
  /** Pointer patterns removed from both sides before comparison (`*` one segment, `**` any). */
  ignore: string[];
  /** Pointer patterns whose values are never shown. */
  sensitive: string[];
  /** `{ "<apiVersion>/<Kind>": { "<pointer with * for indices>": ["key", ...] } }`; built-in table when absent. */
  mergeKeys?: MergeKeyTable;
  /** Repository root: lets pairing read namePrefix/nameSuffix from each overlay's kustomization chain. */
  root?: string;
}

export type MergeKeyTable = Record<string, Record<string, string[]>>;

export function hasDifferences(diff: EnvDiff): boolean {
  return diff.resources.length > 0;
}

export type SectionStatus = 'changed' | 'unchanged' | 'added' | 'removed';

/** One block of a diff report: an environment pair, or one environment across two git refs. */
export interface DiffSection {
  /** e.g. `staging → production`, or `production (main → working tree)`. */
  title: string;
  status: SectionStatus;
  /** Absent when the section was not rendered (closure unchanged) or an environment exists on one side only. */
  diff?: EnvDiff;
  /** Why the section has no diff, e.g. `closure unchanged, not rendered`. */
  reason?: string;
}

/** The section for one environment-against-environment diff. */
export function envDiffSection(diff: EnvDiff): DiffSection {
  return { title: `${diff.a} → ${diff.b}`, status: diff.resources.length ? 'changed' : 'unchanged', diff };
}

/** Whether a report has anything to show; `kcfg diff --exit-code` exits 1 when it does. */
export function sectionsDiffer(sections: readonly DiffSection[]): boolean {
  return sections.some((s) => s.status !== 'unchanged');
}
