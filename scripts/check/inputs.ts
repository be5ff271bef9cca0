// Plain manifest inputs for `kcfg validate FILE|-`: read with a size limit, parse fast, build resources.

import { problem } from '../codes/index.js';
import { readFileSync, statSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { UsageError } from '../core/errors.js';
import { isObject, type Finding, type Resource } from '../core/resource.js';
import { buildResources } from '../resources/build.js';
import { tooLarge } from '../resources/guard.js';
import { parseStream, type ParsedDocument } from '../resources/parse.js';

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
    throw new UsageError(
      `cannot read ${arg}: no such file`,
      'pass an environment name, a kustomization directory, a manifest file or - for stdin',
    );
  }
  const large = tooLarge(file, size);
  if (large) return { file, text: '', resources: [], findings: [large] };
  const bytes = readFileSync(abs);
  const text = bytes.toString('utf8');
  const bad = invalidUtf8(bytes, text, file);
  return bad ? { file, text, resources: [], findings: [bad] } : fromText(file, text);
}

/**
 * The API server and Kustomize refuse a manifest that is not UTF-8; Node would read it with U+FFFD in place of
 * the bad bytes and validate a document nobody can apply.
 */
function invalidUtf8(bytes: Buffer, text: string, file: string): Finding | undefined {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return undefined;
  } catch {
    const at = Math.max(0, text.indexOf('\uFFFD'));
    const before = text.slice(0, at);
    const line = before.split('\n').length;
    return {
      ...problem('input/invalid-utf8', {}),
      source: { file, line, column: at - before.lastIndexOf('\n') },
    };
  }
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
