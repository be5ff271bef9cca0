// Strict schema validation of resources: built-in kinds from the committed Kubernetes bundle, custom
// resources from CRDs in the same render or the pinned CRD bundles, and nothing else (fail closed).

import { problem } from '../../codes/index.js';
import { ConfigError } from '../../core/errors.js';
import type { Finding, JsonValue, KObject, Resource } from '../../core/resource.js';
import { getAt, isObject, splitApiVersion } from '../../core/resource.js';
import type { Schema } from '../../schemas/convert.js';
import { convertCrd, isCrd, type CrdBundle, type CrdKindSchema } from '../../schemas/crds.js';
import type { KubernetesBundle } from '../../schemas/kubernetes.js';
import { CRD_PINS } from '../../schemas/pins.js';
import {
  DEFINITION_STORE,
  readStoredRelease,
  resolveRelease,
  type StoredRelease,
} from '../../schemas/version-chain.js';
import { availableKubernetesVersions, crdBundleFiles, readSchemaFile, schemasDir } from '../../schemas/location.js';
import { CelRules, type SkippedCelRule } from './cel.js';
import { CelVerdicts } from './cel-verdicts.js';
import {
  cacheKey,
  ValidatorCompiler,
  type CompileStats,
  type SchemaDependency,
  type ValidateFunction,
} from '../../schemas/compile.js';
import { errorsToFindings } from './errors.js';

export type { SkippedCelRule } from './cel.js';

export interface SchemaValidatorOptions {
  /** Target Kubernetes minor version, `1.32` (a `v` prefix or patch number is accepted). */
  kubernetesVersion: string;
  /** Kinds (`Kind`, `group/Kind` or `apiVersion/Kind`) that may pass without a schema. */
  allowUnknownKinds: string[];
  /** Where compiled validators are cached between runs; no disk cache when unset. */
  cacheDir?: string;
  /** The schemas folder; defaults to the one shipped with kcfg. */
  schemasDir?: string;
}

export interface SchemaValidator {
  readonly kubernetesVersion: string;
  /** Register the CustomResourceDefinitions among `resources` so their custom resources validate. */
  registerCrds(resources: readonly Resource[]): Finding[];
  validate(resource: Resource): Finding[];
  /** registerCrds + validate for a whole render. */
  validateAll(resources: readonly Resource[]): Finding[];
  /** Whether a schema exists (built in, bundled CRD, or registered CRD) for this apiVersion and kind. */
  hasSchema(apiVersion: string, kind: string): boolean;
  /** Whether a built-in schema exists (one no CustomResourceDefinition in the input can replace). */
  hasBuiltinSchema(apiVersion: string, kind: string): boolean;
  /** CEL rules that were not evaluated for the kinds this validator saw, with the reason. */
  skippedCelRules(): SkippedCelRule[];
  /** Keep what this run learned (CEL verdicts) in the cache directory. */
  flush(): void;
  stats(): CompileStats;
}

const OBJECT_META = 'io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta';

/** Operator releases that dropped an API version (from their upgrade notes), where known. */
const CERT_MANAGER_REMOVED = {
  v1alpha2: 'cert-manager v1.7',
  v1alpha3: 'cert-manager v1.7',
  v1beta1: 'cert-manager v1.7',
};
const REMOVED_OPERATOR_VERSIONS: Record<string, Record<string, string>> = {
  'cert-manager.io': CERT_MANAGER_REMOVED,
  'acme.cert-manager.io': CERT_MANAGER_REMOVED,
};

interface KindValidator {
  fn: ValidateFunction;
  cel?: CelRules;
}

/** Everything expensive for one schemas folder, Kubernetes version and cache dir, shared by validators. */
class VersionSchemas {
  readonly compiler: ValidatorCompiler;
  readonly skipped = new Map<string, SkippedCelRule>();
  private release: StoredRelease | undefined;
  private parsed: Pick<KubernetesBundle, 'kinds' | 'definitions'> | undefined;
  private crds: Map<string, { entry: CrdKindSchema; fileHash: string; bundle: string }> | undefined;
  private readonly memo = new Map<string, KindValidator | null>();
  private kindsByName: Map<string, string[]> | undefined;
  private readonly celRules: CelRules[] = [];

  constructor(
    private readonly root: string,
    readonly version: string,
    private readonly cacheDir: string | undefined,
  ) {
    this.compiler = new ValidatorCompiler(cacheDir);
  }

  private get file(): StoredRelease {
    if (!this.release) {
      const f = readStoredRelease((rel) => readSchemaFile(this.root, rel), this.version);
      if (!f) throw new ConfigError(`no schemas for Kubernetes ${this.version}`, undefined, versionHint(this.root));
      this.release = f;
    }
    return this.release;
  }

  /** The release's kinds and definitions, from its delta chain and the shared definition store. */
  private get bundle(): Pick<KubernetesBundle, 'kinds' | 'definitions'> {
    if (!this.parsed) {
      const { kinds, keys } = resolveRelease(this.file.chain);
      const store = definitionStore(this.root);
      const definitions: Record<string, Schema> = {};
      for (const [name, key] of Object.entries(keys)) {
        const schema = store[key];
        if (!schema) throw new Error(`schemas/${DEFINITION_STORE} has no ${key} (regenerate the schemas)`);
        definitions[name] = schema;
      }
      this.parsed = { kinds, definitions };
    }
    return this.parsed;
  }

  private get bundleId(): string {
    return `kcfg-k8s-${this.version}`;
  }

  private get dependency(): SchemaDependency {
    return { id: this.bundleId, load: () => ({ definitions: this.bundle.definitions }) };
  }

  private bundledCrds(): Map<string, { entry: CrdKindSchema; fileHash: string; bundle: string }> {
    if (!this.crds) {
      this.crds = new Map();
      for (const rel of crdBundleFiles(this.root)) {
        const f = readSchemaFile(this.root, rel)!;
        const bundle = JSON.parse(f.text) as CrdBundle;
        for (const [key, entry] of Object.entries(bundle.kinds))
          this.crds.set(key, { entry, fileHash: f.hash, bundle: rel });
      }
    }
    return this.crds;
  }

  /** The apiVersions under which a bundled operator CRD serves `kind` of `group`, and its bundle file. */
  servedCrdVersions(group: string, kind: string): { apiVersions: string[]; bundle: string } | undefined {
    let bundle: string | undefined;
    const apiVersions: string[] = [];
    for (const [key, found] of this.bundledCrds()) {
      const slash = key.lastIndexOf('/');
      if (key.slice(slash + 1) !== kind || splitApiVersion(key.slice(0, slash)).group !== group) continue;
      apiVersions.push(key.slice(0, slash));
      bundle = found.bundle;
    }
    return bundle ? { apiVersions, bundle } : undefined;
  }

  builtin(key: string): KindValidator | null {
    const memoKey = `k8s\u0000${key}`;
    let v = this.memo.get(memoKey);
    if (v !== undefined) return v;
    // A cached validator proves the kind exists, so a warm run need not parse the bundle at all.
    const fn = this.compiler.find(
      cacheKey('k8s', this.file.hash, key),
      () => {
        const definition = this.bundle.kinds[key];
        return definition ? { $ref: `${this.bundleId}#/definitions/${definition}` } : undefined;
      },
      [this.dependency],
    );
    v = fn ? { fn } : null;
    this.memo.set(memoKey, v);
    return v;
  }

  bundledCrd(key: string): KindValidator | null {
    const found = this.bundledCrds().get(key);
    return found ? this.crd(key, found.entry, `bundle:${found.fileHash}`) : null;
  }

  /** `contentId` identifies the schema text; the same CRD in two environments compiles once. */
  crd(key: string, entry: CrdKindSchema, contentId: string): KindValidator {
    const memoKey = `crd\u0000${key}\u0000${contentId}`;
    const seen = this.memo.get(memoKey);
    if (seen) return seen;
    const fn = this.compiler.get(cacheKey('crd', this.file.hash, key, contentId), () => this.crdRoot(entry.schema), [
      this.dependency,
    ]);
    const v: KindValidator = { fn };
    if (entry.cel) {
      const rules = new CelRules(
        key,
        entry.cel,
        this.skipped,
        new CelVerdicts(this.cacheDir, `${key}\u0000${JSON.stringify(entry.cel)}`),
      );
      this.celRules.push(rules);
      if (!rules.empty) v.cel = rules;
    }
    this.memo.set(memoKey, v);
    return v;
  }

  /** The API server validates a custom resource's metadata as ObjectMeta whatever the CRD says about it. */
  private crdRoot(schema: Schema): Schema {
    const props = { ...((schema['properties'] as Schema | undefined) ?? {}) };
    props['apiVersion'] ??= { type: 'string' };
    props['kind'] ??= { type: 'string' };
    props['metadata'] = { $ref: `${this.bundleId}#/definitions/${OBJECT_META}` };
    return { ...schema, properties: props };
  }

  /** apiVersions under which the Kubernetes bundle serves `kind` (to explain a no-schema finding). */
  servedApiVersions(kind: string): string[] {
    if (!this.kindsByName) {
      this.kindsByName = new Map();
      for (const key of Object.keys(this.bundle.kinds)) {
        const slash = key.lastIndexOf('/');
        const k = key.slice(slash + 1);
        const list = this.kindsByName.get(k) ?? [];
        list.push(key.slice(0, slash));
        this.kindsByName.set(k, list);
      }
    }
    return this.kindsByName.get(kind) ?? [];
  }

  ensureExists(): void {
    void this.file;
  }

  flush(): void {
    for (const rules of this.celRules) rules.flush();
  }
}

const shared = new Map<string, VersionSchemas>();
const stores = new Map<string, Record<string, Schema>>();

/** kubernetes/definitions.json of a schemas folder, parsed once for every release that reads it. */
function definitionStore(root: string): Record<string, Schema> {
  let store = stores.get(root);
  if (!store) {
    const f = readSchemaFile(root, DEFINITION_STORE);
    if (!f) throw new ConfigError(`kcfg installation is missing ${root}/${DEFINITION_STORE}`);
    store = JSON.parse(f.text) as Record<string, Schema>;
    stores.set(root, store);
  }
  return store;
}

/** Drop the in-memory schemas and compiled validators (a long-lived process, or a test of the disk cache). */
export function forgetLoadedSchemas(): void {
  shared.clear();
  stores.clear();
}

export function normalizeKubernetesVersion(v: string): string {
  const m = /^v?(\d+)\.(\d+)(?:\.\d+)?$/.exec(v.trim());
  if (!m) throw new ConfigError(`"${v}" is not a Kubernetes version (expected e.g. 1.32)`);
  return `${Number(m[1])}.${Number(m[2])}`;
}

function versionHint(root: string): string {
  const available = availableKubernetesVersions(root);
  return `schemas exist for ${available.join(', ') || 'no version'}; add the version with \`npm run schemas -- <upstream> --versions ${[...available, '<version>'].join(',')}\``;
}

export function createSchemaValidator(opts: SchemaValidatorOptions): SchemaValidator {
  const root = opts.schemasDir ?? schemasDir();
  const version = normalizeKubernetesVersion(opts.kubernetesVersion);
  const sharedKey = `${root}\u0000${version}\u0000${opts.cacheDir ?? ''}`;
  let schemas = shared.get(sharedKey);
  if (!schemas) {
    schemas = new VersionSchemas(root, version, opts.cacheDir);
    schemas.ensureExists();
    shared.set(sharedKey, schemas);
  }
  return new Validator(schemas, opts.allowUnknownKinds);
}

class Validator implements SchemaValidator {
  private readonly renderCrds = new Map<string, { entry: CrdKindSchema; contentId: string }>();
  private readonly lookups = new Map<string, KindValidator | null>();
  private readonly seenKinds = new Set<string>();
  private readonly allowed: Set<string>;

  constructor(
    private readonly schemas: VersionSchemas,
    allowUnknownKinds: readonly string[],
  ) {
    this.allowed = new Set(allowUnknownKinds);
  }

  get kubernetesVersion(): string {
    return this.schemas.version;
  }

  registerCrds(resources: readonly Resource[]): Finding[] {
    const findings: Finding[] = [];
    for (const r of resources) {
      if (!isCrd(r.object)) continue;
      const { kinds, problems } = convertCrd(r.object);
      for (const p of problems) {
        findings.push({
          ...problem('schema/crd-unusable', { name: r.id.name, problem: p }),
          pointer: '/spec',
          subject: r,
        });
      }
      for (const [key, entry] of Object.entries(kinds)) {
        this.renderCrds.set(key, { entry, contentId: cacheKey(JSON.stringify(entry)) });
        this.lookups.delete(key);
      }
    }
    return findings;
  }

  hasSchema(apiVersion: string, kind: string): boolean {
    return this.lookup(`${apiVersion}/${kind}`) !== null;
  }

  hasBuiltinSchema(apiVersion: string, kind: string): boolean {
    return this.schemas.builtin(`${apiVersion}/${kind}`) !== null;
  }

  private lookup(key: string): KindValidator | null {
    let v = this.lookups.get(key);
    if (v !== undefined) return v;
    v = this.schemas.builtin(key);
    if (!v) {
      const own = this.renderCrds.get(key);
      v = own ? this.schemas.crd(key, own.entry, own.contentId) : this.schemas.bundledCrd(key);
    }
    this.lookups.set(key, v);
    return v;
  }

  validate(resource: Resource): Finding[] {
    const key = `${resource.apiVersion}/${resource.kind}`;
    this.seenKinds.add(key);
    const v = this.lookup(key);
    if (!v) return this.isAllowed(resource) ? [] : [this.noSchema(resource)];
    const findings = v.fn(resource.object) ? [] : this.schemaFindings(v.fn, resource);
    if (v.cel) findings.push(...v.cel.evaluate(resource));
    return findings;
  }

  /**
   * The API server reads `field: null` as "unset" (built-in kinds decode it to the zero value; CRD pruning drops
   * it), so when a null is all the schema objects to, validate again without the nulls.
   */
  private schemaFindings(fn: ValidateFunction, resource: Resource): Finding[] {
    const errors = fn.errors ?? [];
    if (
      !errors.some(
        (e) => (e.keyword === 'type' || e.keyword === 'anyOf') && getAt(resource.object, e.instancePath) === null,
      )
    ) {
      return errorsToFindings(errors, resource);
    }
    const pruned = withoutNulls(resource.object) as KObject;
    return fn(pruned) ? [] : errorsToFindings(fn.errors ?? [], resource, pruned);
  }

  validateAll(resources: readonly Resource[]): Finding[] {
    const findings = this.registerCrds(resources);
    for (const r of resources) findings.push(...this.validate(r));
    return findings;
  }

  skippedCelRules(): SkippedCelRule[] {
    return [...this.schemas.skipped.values()].filter((s) => this.seenKinds.has(s.kind));
  }

  stats(): CompileStats {
    return { ...this.schemas.compiler.stats };
  }

  flush(): void {
    this.schemas.flush();
  }

  private isAllowed(r: Resource): boolean {
    const { group } = splitApiVersion(r.apiVersion);
    return (
      this.allowed.has(r.kind) ||
      this.allowed.has(`${group}/${r.kind}`) ||
      this.allowed.has(`${r.apiVersion}/${r.kind}`)
    );
  }

  private noSchema(r: Resource): Finding {
    const served = this.schemas.servedApiVersions(r.kind);
    const { group, version } = splitApiVersion(r.apiVersion);
    const operator = served.length === 0 ? this.schemas.servedCrdVersions(group, r.kind) : undefined;
    const pin = operator ? CRD_PINS[operator.bundle.replace(/^crds\/|\.json$/g, '')] : undefined;
    if (operator && pin) {
      const removedIn = REMOVED_OPERATOR_VERSIONS[group]?.[version];
      return {
        ...problem('api/crd-version-removed', {
          apiVersion: r.apiVersion,
          kind: r.kind,
          project: pin.upstream.split(' ')[0],
          pin: pin.pin.split(' ')[0],
          use: operator.apiVersions,
          ...(removedIn ? { removedIn } : {}),
        }),
        pointer: '/apiVersion',
        subject: r,
      };
    }
    return {
      ...problem('schema/no-schema', {
        apiVersion: r.apiVersion,
        kind: r.kind,
        kubernetesVersion: this.schemas.version,
        served,
        allowKey: `${group ? `${group}/` : ''}${r.kind}`,
      }),
      pointer: '/kind',
      subject: r,
    };
  }
}

/** A copy without object properties whose value is null (list items are kept: a null item is still an error). */
function withoutNulls(v: JsonValue): JsonValue {
  if (Array.isArray(v)) return v.map(withoutNulls);
  if (!isObject(v)) return v;
  const out: KObject = {};
  for (const [k, x] of Object.entries(v)) if (x !== null) out[k] = withoutNulls(x);
  return out;
}
