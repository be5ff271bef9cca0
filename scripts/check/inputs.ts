// Plain manifest inputs for `kcfg validate FILE|-`: read with a size limit, parse fast, build resources.

import { readFileSync, statSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { UsageError } from '../core/errors.js';
import { isObject, type Finding, type Resource } from '../core/resource.js';
import { buildResources } from '../resources/build.js';
import { tooLarge } from '../resources/guard.js';
import { parseStream, type ParsedDocument } from '../resources/parse.js';

export { maxInputBytes } from '../resources/guard.js';

export interface LoadedInput {
  file: string;
  text: string;
  resources: Resource[];
  findings: Finding[];
}

export function loadInput(root: string, arg: string, stdin: () => string): LoadedInput {
  if (arg === '-') {
    const text = stdin();
    const large = tooLarge('<stdin>', Buffer.byteLength(text));
    return large ? { file: '<stdin>', text: '', resources: [], findings: [large] } : fromText('<stdin>', text);
  }
  const abs = resolve(root, arg);
  const file = relative(root, abs).split('\\').join('/') || arg;
  let size: number;
  try {
    const st = statSync(abs);
    if (!st.isFile()) throw new UsageError(`${arg} is not a file`);
    size = st.size;
  } catch (e) {
    if (e instanceof UsageError) throw e;
    throw new UsageError(`cannot read ${arg}: no such file`, 'pass an environment name, a kustomization directory, a manifest file or - for stdin');
  }
  const large = tooLarge(file, size);
  if (large) return { file, text: '', resources: [], findings: [large] };
  return fromText(file, readFileSync(abs, 'utf8'));
}

function fromText(file: string, text: string): LoadedInput {
  const parsed = parseStream(text, file);
  const built = buildResources(expandLists(parsed.documents), file);
  return { file, text, resources: built.resources, findings: [...parsed.findings, ...built.findings] };
}

/**
 * `kubectl get -o yaml` writes a `kind: List` (or `DeploymentList`...) wrapping the objects; the API server
 * never stores a list, so each item is validated as its own resource, located at `/items/<i>` in the file.
 * A kind that merely ends in "List" but has a spec (a custom resource) is left alone.
 */
export function expandLists(documents: readonly ParsedDocument[]): ParsedDocument[] {
  const out: ParsedDocument[] = [];
  for (const d of documents) {
    const v = d.value;
    const items = isObject(v) && typeof v['kind'] === 'string' && v['kind'].endsWith('List') && !('spec' in v) ? v['items'] : undefined;
    if (!Array.isArray(items)) {
      out.push(d);
      continue;
    }
    items.forEach((value: unknown, i) => out.push({ doc: { ...d.doc, pointer: `${d.doc.pointer ?? ''}/items/${i}` }, value }));
  }
  return out;
}
