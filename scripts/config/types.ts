// The normalised configuration every stage receives. `kcfg.yaml` is parsed and checked against
// `schemas/kcfg-config.schema.json`, then defaults are filled in here-shaped.

import type { Environment } from '../core/resource.js';

export interface EngineConfig {
  /** `kubectl` (runs `kubectl kustomize`) or `kustomize` (runs `kustomize build`), or a path to either. */
  command: string;
  /** Pinned Kustomize version, e.g. `v5.5.0`; a different engine version is an error. */
  version?: string;
  /** `RootOnly` (default) or `None`. */
  loadRestrictor: 'RootOnly' | 'None';
}

export interface SchemaConfig {
  /** Kinds (`Kind` or `group/Kind`) that may pass without a schema; everything else fails closed. */
  allowUnknownKinds: string[];
  /** Default target version for environments that do not name one. */
  kubernetesVersion: string;
  /** Files or globs of CRD manifests whose custom resources are validated offline. */
  crds: string[];
}

export interface DiffConfig {
  /** Pointer patterns (`*` matches one segment, `**` any number) ignored by every diff. */
  ignore: string[];
  /** Extra pointer patterns whose values are never shown. */
  sensitive: string[];
}

export interface Config {
  /** Absolute path of the repository root (where `kcfg.yaml` lives, or the working directory). */
  root: string;
  /** Repository-relative path of the config file, when there is one. */
  file?: string;
  environments: Environment[];
  engine: EngineConfig;
  schemas: SchemaConfig;
  diff: DiffConfig;
  /** Absolute path of the cache directory (renders, compiled validators, check results). */
  cacheDir: string;
  /** The git top level holding `root` (or `root` itself outside git): reports name files relative to it. */
  repoRoot: string;
  /** Base URL for documentation links in reports (KCFG_DOCS_URL overrides); default: kcfg's repository at its version. */
  docsUrl?: string;
  /** Where relative directory arguments resolve first (the CLI's working directory); `root` when unset. */
  cwd?: string;
}
