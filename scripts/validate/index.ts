// Validation entry point: strict schemas, field formats, API-server semantics, deprecated APIs, duplicate
// resources, and (for rendered environments) the kustomization files and source YAML they were built from.
// One pass per resource; findings carry pointers and positions are computed later, only for findings.

import type { RenderedEnvironment } from '../core/rendered.js';
import type { Finding, Resource } from '../core/resource.js';
import { checkDeprecation, loadApiTable, type ApiTable } from './deprecation.js';
import { checkDuplicates } from './duplicates.js';
import type { CheckContext } from './finding.js';
import { checkFormats } from './formats/index.js';
import { checkClosure, isKustomizationFile } from './kustomization.js';
import { isCrd } from '../schemas/crds.js';
import {
  createSchemaValidator,
  kustomizationSchemaId,
  kustomizationSchemaValidator,
  type SchemaValidator,
  type ValidateFunction,
} from './schema/index.js';
import { checkSemantics, indexResources, type ResourceIndex } from './semantic/index.js';
import { checkYaml11 } from './yaml11.js';

export interface ValidateOptions {
  /** Target Kubernetes minor version, e.g. `1.32`; an environment's own version takes precedence. */
  kubernetesVersion: string;
  /** Kinds that may pass without a schema (`Kind`, `group/Kind` or `apiVersion/Kind`). */
  allowUnknownKinds: string[];
  /** Where compiled schema validators are cached between runs. */
  cacheDir?: string;
  /** Absolute repository root the environment's closure paths are relative to (default: working directory). */
  root?: string;
  /** The schemas folder; defaults to the one shipped with kcfg. */
  schemasDir?: string;
  /** CRDs from outside the render (kcfg.yaml `schemas.crds`), registered before any resource is checked. */
  crds?: readonly Resource[];
}

export interface ValidationResult {
  findings: Finding[];
  /** CEL rules that could not be evaluated offline for the kinds seen, one line each. */
  skippedRules: string[];
}

/**
 * Every resource-level finding for one rendered environment, plus duplicate mapping keys in the source YAML
 * files of its closure (read under `opts.root`). Kustomization files are `validateKustomizationFiles`' job,
 * so a file shared by several environments can be checked once.
 */
export function validateEnvironment(rendered: RenderedEnvironment, opts: ValidateOptions): ValidationResult {
  const version = rendered.env.kubernetesVersion || opts.kubernetesVersion;
  const result = validateAll(rendered.resources, { ...opts, kubernetesVersion: version }, true);
  const sources = rendered.closure.filter((f) => !isKustomizationFile(f));
  result.findings.push(
    ...checkClosure(opts.root ?? process.cwd(), sources, () => kustomizationSchema(opts), {
      ...(opts.cacheDir ? { cacheDir: opts.cacheDir } : {}),
    }),
  );
  return result;
}

/** Plain manifests (`kcfg validate file.yaml`, stdin): the same resource checks, no kustomization checks. */
export function validateResources(resources: readonly Resource[], opts: ValidateOptions): ValidationResult {
  return validateAll(resources, opts, false);
}

/**
 * Kustomization files (repository-relative, under `root`): schema errors at the offending key, deprecated
 * fields naming the modern one, duplicate mapping keys. Files that are not kustomizations are ignored.
 */
export function validateKustomizationFiles(
  root: string,
  files: readonly string[],
  opts: { cacheDir?: string; schemasDir?: string } = {},
): Finding[] {
  return checkClosure(root, files.filter(isKustomizationFile), () => kustomizationSchema(opts), {
    ...(opts.cacheDir ? { cacheDir: opts.cacheDir } : {}),
    schemaId: () => kustomizationSchemaId(opts.schemasDir),
  });
}

function kustomizationSchema(opts: { cacheDir?: string; schemasDir?: string }): ValidateFunction {
  return kustomizationSchemaValidator({
    ...(opts.cacheDir ? { cacheDir: opts.cacheDir } : {}),
    ...(opts.schemasDir ? { schemasDir: opts.schemasDir } : {}),
  });
}

function validateAll(resources: readonly Resource[], opts: ValidateOptions, complete: boolean): ValidationResult {
  const checker = new ResourceChecker(opts, complete);
  const index = indexResources(resources);
  const findings = checker.schema.registerCrds(resources);
  for (const r of resources) checker.check(r, index, findings);
  for (const f of checkDuplicates(resources)) findings.push(f);
  return { findings, skippedRules: checker.finish() };
}

/** The checks of one resource on its own (deprecation, schema, formats, semantics), for one target version. */
export class ResourceChecker {
  readonly schema: SchemaValidator;
  private readonly ctx: CheckContext;
  private readonly table: ApiTable;

  constructor(opts: ValidateOptions, complete: boolean) {
    this.schema = createSchemaValidator({
      kubernetesVersion: opts.kubernetesVersion,
      allowUnknownKinds: opts.allowUnknownKinds,
      ...(opts.cacheDir ? { cacheDir: opts.cacheDir } : {}),
      ...(opts.schemasDir ? { schemasDir: opts.schemasDir } : {}),
    });
    this.ctx = {
      kubernetesVersion: this.schema.kubernetesVersion,
      complete,
      ...(opts.cacheDir ? { cacheDir: opts.cacheDir } : {}),
    };
    this.table = loadApiTable(opts.schemasDir);
    // Their own problems are reported once, where they are loaded (validate/user-crds.ts).
    if (opts.crds) this.schema.registerCrds(opts.crds);
  }

  /** Appends `resource`'s findings to `out`; `index` answers the cross-resource questions (HPA targets). */
  check(resource: Resource, index: ResourceIndex, out: Finding[]): void {
    const api = checkDeprecation(resource, this.ctx.kubernetesVersion, this.table);
    if (api) out.push(api);
    // A removed API has no schema at the target version; the removal is the finding to act on.
    if (api?.code !== 'api/removed') {
      for (const f of this.schema.validate(resource)) out.push(f);
      for (const f of checkYaml11(resource, (r) => this.schema.validate(r))) out.push(f);
    }
    for (const f of checkFormats(resource)) out.push(f);
    for (const f of checkSemantics(resource, this.ctx, index)) out.push(f);
  }

  /**
   * Whether `resource` can be checked only once the whole input has been read: a CustomResourceDefinition
   * (custom resources anywhere in the input validate against it), a kind without a built-in schema (its
   * definition may come later), an autoscaler (its target may come later).
   */
  needsWholeInput(resource: Resource): boolean {
    return (
      resource.kind === 'HorizontalPodAutoscaler' ||
      isCrd(resource.object) ||
      !this.schema.hasBuiltinSchema(resource.apiVersion, resource.kind)
    );
  }

  /** The CEL rules that could not be evaluated for the kinds seen; keeps what was learned in the cache. */
  finish(): string[] {
    this.schema.flush();
    return this.schema.skippedCelRules().map((s) => `${s.kind} ${s.path || '/'}: ${s.rule} (${s.reason})`);
  }
}

export { checkDeprecation, loadApiTable, buildApiTable, type ApiTable } from './deprecation.js';
export { checkDuplicates, duplicateOf, identityKey, type FirstSeen } from './duplicates.js';
export { checkFormats } from './formats/index.js';
export { loadUserCrds, NO_USER_CRDS, type UserCrds } from './user-crds.js';
export {
  checkClosure,
  checkDuplicateKeys,
  checkKustomizationFile,
  DEPRECATED_FIELDS,
  isKustomizationFile,
} from './kustomization.js';
export {
  checkAllSemantics,
  checkSemantics,
  indexResources,
  SEMANTIC_CHECKS,
  type Identified,
} from './semantic/index.js';
export type { CheckContext } from './finding.js';
