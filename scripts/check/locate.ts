// Findings → diagnostics: attach the line to edit and the rendered position, then merge across environments.

import type { Diagnostic } from '../core/diagnostic.js';
import type { Finding, Locator, Resource } from '../core/resource.js';
import { pointInside, positionInDocument } from '../resources/position.js';

/** For plain manifest files the rendered document is the source itself. */
export const fileLocator: Locator = {
  locate(resource: Resource, pointer: string) {
    const { exact: _exact, ...source } = positionInDocument(resource.rendered, pointer);
    return { source };
  },
};

export function toDiagnostic(finding: Finding, env: string, locator: Locator): Diagnostic {
  const { subject, source, within } = finding;
  const diag = ownFields(finding, env);
  if (subject) {
    diag.resource = subject.id;
    const loc = safeLocate(locator, subject, finding.pointer ?? '');
    let where = source ?? loc.source ?? loc.rendered;
    if (where && within) {
      const text = where.file === subject.rendered.file ? subject.rendered.text : locator.text?.(where.file);
      if (text !== undefined) where = { ...where, ...pointInside(text, where, within) };
    }
    if (where) diag.source = where;
    if (loc.rendered && (!where || loc.rendered.file !== where.file)) diag.rendered = loc.rendered;
  } else if (source) {
    diag.source = source;
  }
  return diag;
}

/**
 * The finding's own fields, in the order its check set them (SARIF embeds the diagnostic as it is), copied
 * one by one. Not `{ ...rest }`: V8 gives an object spread from a rest copy a hidden class of its own, and the
 * 28,000 diagnostics of a large input then held 28,000 classes (12 MB, a quarter of the live heap).
 */
function ownFields(f: Finding, env: string): Diagnostic {
  const d: Record<string, unknown> = {};
  for (const key in f) {
    if (key !== 'subject' && key !== 'source' && key !== 'within') d[key] = f[key as keyof Finding];
  }
  d['environments'] = [env];
  return d as unknown as Diagnostic;
}

/** Provenance is best effort: a locator failure must never hide the finding itself. */
function safeLocate(locator: Locator, subject: Resource, pointer: string): ReturnType<Locator['locate']> {
  try {
    return locator.locate(subject, pointer);
  } catch {
    try {
      const { exact: _exact, ...rendered } = positionInDocument(subject.rendered, pointer);
      return { rendered };
    } catch {
      return {};
    }
  }
}
