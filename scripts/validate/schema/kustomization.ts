// The SchemaStore kustomization schema, compiled once (and cached on disk like the Kubernetes kinds).

import { readSchemaFile, schemasDir } from '../../schemas/location.js';
import { cacheKey, ValidatorCompiler, type ValidateFunction } from '../../schemas/compile.js';

const compilers = new Map<string, { compiler: ValidatorCompiler; fn?: ValidateFunction }>();

/**
 * ajv validate function for kustomization.yaml contents. On failure `fn.errors` holds ajv errors;
 * `describeErrors(fn.errors, data)` turns them into `schema/<rule>` problems with pointers.
 */
export function kustomizationSchemaValidator(opts: { cacheDir?: string; schemasDir?: string } = {}): ValidateFunction {
  const root = opts.schemasDir ?? schemasDir();
  const slot = `${root}\u0000${opts.cacheDir ?? ''}`;
  let entry = compilers.get(slot);
  if (!entry) compilers.set(slot, (entry = { compiler: new ValidatorCompiler(opts.cacheDir) }));
  if (entry.fn) return entry.fn;
  const file = readSchemaFile(root, 'kustomization.schema.json');
  if (!file) throw new Error(`kcfg installation is missing ${root}/kustomization.schema.json`);
  entry.fn = entry.compiler.get(cacheKey('kustomization', file.hash), () => JSON.parse(file.text) as object, []);
  return entry.fn;
}

const schemaIds = new Map<string, string>();

/** A hash of the kustomization schema in use: a kustomization that passed it passed this exact schema. */
export function kustomizationSchemaId(dir?: string): string {
  const root = dir ?? schemasDir();
  let id = schemaIds.get(root);
  if (id === undefined) schemaIds.set(root, (id = readSchemaFile(root, 'kustomization.schema.json')?.hash ?? ''));
  return id;
}
