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
  const { subject, source, within, ...rest } = finding;
  const diag: Diagnostic = { ...rest, environments: [env] };
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
