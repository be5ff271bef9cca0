// Finds secrets committed to configuration files: Secret objects, literal values for secret-looking names,
// and private key material. Names of secrets (secretKeyRef keys, ExternalSecret keys) are fine.

import { parseAllDocuments } from 'yaml';

/** Names whose value must never be a literal. */
const SECRET_NAME = /(pass(word|wd)?|pwd|secret|token|api[-_]?key|private[-_]?key|credential|signing[-_]?key)$/i;
/** Mapping keys that hold a reference to a secret rather than its value. */
const REFERENCE_KEY =
  /^(secretName|secretKey|secretRef|secretKeyRef|secretStoreRef|privateKeySecretRef|bearerTokenSecret)$/;
const PRIVATE_KEY_BLOCK = /-----BEGIN [A-Z ]*PRIVATE KEY-----/;

export interface SecretProblem {
  file: string;
  line: number;
  message: string;
}

export function scanConfigFile(file: string, text: string): SecretProblem[] {
  const problems: SecretProblem[] = [];
  const lineAt = (offset: number): number => text.slice(0, offset).split('\n').length;
  const pk = PRIVATE_KEY_BLOCK.exec(text);
  if (pk) problems.push({ file, line: lineAt(pk.index), message: 'private key material' });
  if (/\.ya?ml$/.test(file)) scanYaml(file, text, lineAt, problems);
  else scanEnv(file, text, problems);
  return problems;
}

/** `KEY=value` lines of a generator's env file, or any `literals:` entry. */
function scanEnv(file: string, text: string, problems: SecretProblem[]): void {
  text.split('\n').forEach((raw, i) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const eq = line.indexOf('=');
    const key = eq < 0 ? line : line.slice(0, eq);
    if (SECRET_NAME.test(key) && eq >= 0 && line.slice(eq + 1).trim() !== '') {
      problems.push({ file, line: i + 1, message: `literal value for ${key}` });
    }
  });
}

function scanYaml(file: string, text: string, lineAt: (offset: number) => number, problems: SecretProblem[]): void {
  for (const doc of parseAllDocuments(text)) {
    if ('errors' in doc && doc.errors.length > 0) {
      problems.push({ file, line: 1, message: `unparseable YAML: ${doc.errors[0]!.message.split('\n')[0]}` });
      continue;
    }
    const value: unknown = doc.toJS();
    const at = lineAt(doc.range[0]);
    walk(value, (node, path) => {
      if (path.length === 0 && node['kind'] === 'Secret')
        problems.push({ file, line: at, message: 'kind: Secret committed to git' });
      // Container env entries: {name: DB_PASSWORD, value: "..."}.
      if (
        typeof node['name'] === 'string' &&
        SECRET_NAME.test(node['name']) &&
        typeof node['value'] === 'string' &&
        node['value'] !== ''
      ) {
        problems.push({ file, line: at, message: `literal value for ${node['name']}` });
      }
      for (const [key, v] of Object.entries(node)) {
        if (REFERENCE_KEY.test(key)) continue;
        if (SECRET_NAME.test(key) && (typeof v === 'string' || typeof v === 'number') && String(v) !== '') {
          problems.push({ file, line: at, message: `literal value for ${[...path, key].join('.')}` });
        }
        if (key === 'literals' && Array.isArray(v)) scanEnv(file, v.map(String).join('\n'), problems);
      }
    });
  }
}

function walk(
  value: unknown,
  visit: (node: Record<string, unknown>, path: string[]) => void,
  path: string[] = [],
): void {
  if (Array.isArray(value)) value.forEach((v, i) => walk(v, visit, [...path, String(i)]));
  else if (value !== null && typeof value === 'object') {
    const node = value as Record<string, unknown>;
    visit(node, path);
    for (const [k, v] of Object.entries(node)) walk(v, visit, [...path, k]);
  }
}
