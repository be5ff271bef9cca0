// Secrets committed in files no kustomization references still leak through git. What Kustomize builds shows
// only the rendered Secrets; this scan (used by the `no-secret-data` policy) covers the YAML files that sit in
// an environment's kustomization directories without being part of its build.

import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import jsYaml from 'js-yaml';
import type { SourceDocument } from '../core/resource.js';
import { isObject } from '../core/resource.js';
import { splitDocuments } from '../resources/parse.js';
import { positionInDocument } from '../resources/position.js';
import type { FilePolicyFinding, SourceFiles } from './types.js';

const SECRET_KIND = /^kind:[ \t]*["']?Secret["']?[ \t]*$/m;

export function unreferencedSecrets({ root, files }: SourceFiles): FilePolicyFinding[] {
  const inBuild = new Set(files);
  const dirs = new Set(files.map((f) => dirname(f)));
  const out: FilePolicyFinding[] = [];
  for (const dir of [...dirs].sort()) {
    for (const name of listYaml(join(root, dir))) {
      const file = dir === '.' ? name : `${dir}/${name}`;
      if (inBuild.has(file)) continue;
      out.push(...scanFile(root, file));
    }
  }
  return out;
}

function listYaml(dir: string): string[] {
  try {
    return readdirSync(dir)
      .filter((n) => /\.ya?ml$/.test(n) && statSync(join(dir, n)).isFile())
      .sort();
  } catch {
    return [];
  }
}

function scanFile(root: string, file: string): FilePolicyFinding[] {
  let text: string;
  try {
    text = readFileSync(join(root, file), 'utf8');
  } catch {
    return [];
  }
  if (!SECRET_KIND.test(text)) return [];
  const out: FilePolicyFinding[] = [];
  for (const doc of splitDocuments(text, file)) {
    const value = load(text, doc);
    if (!isObject(value) || value['kind'] !== 'Secret') continue;
    for (const field of ['data', 'stringData']) {
      const data = value[field];
      if (!isObject(data) || Object.keys(data).length === 0) continue;
      const { exact: _exact, ...source } = positionInDocument(doc, `/${field}`);
      out.push({
        // Key names only: the values never reach a message.
        message: `${file} holds a Secret with ${field} (keys ${Object.keys(data).sort().join(', ')}); no kustomization uses it, but git keeps it`,
        hint: 'delete the file, rotate the values, and keep them in the secret store',
        source,
      });
    }
  }
  return out;
}

function load(text: string, doc: SourceDocument): unknown {
  try {
    return jsYaml.load(text.slice(doc.start, doc.end), { schema: jsYaml.CORE_SCHEMA });
  } catch {
    return undefined;
  }
}
