// Manifest files (`kcfg validate FILE|-`, CRD files): a `kind: List` becomes its items.

import { isObject } from '../core/resource.js';
import type { ParsedDocument } from './parse.js';

/**
 * `kubectl get -o yaml` writes a `kind: List` (or `DeploymentList`...) wrapping the objects; the API server
 * never stores a list, so each item is validated as its own resource, located at `/items/<i>` in the file.
 * A kind that merely ends in "List" but has a spec (a custom resource) is left alone.
 */
export function expandLists(documents: readonly ParsedDocument[]): ParsedDocument[] {
  const out: ParsedDocument[] = [];
  for (const d of documents) {
    const v = d.value;
    const items =
      isObject(v) && typeof v['kind'] === 'string' && v['kind'].endsWith('List') && !('spec' in v)
        ? v['items']
        : undefined;
    if (!Array.isArray(items)) {
      out.push(d);
      continue;
    }
    items.forEach((value: unknown, i) =>
      out.push({ doc: { ...d.doc, pointer: `${d.doc.pointer ?? ''}/items/${i}` }, value }),
    );
  }
  return out;
}
