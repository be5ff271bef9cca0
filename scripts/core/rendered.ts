import type { Environment, Finding, Locator, Resource } from './resource.js';

export interface EngineInfo {
  /** Human-readable command, e.g. `kubectl kustomize`. */
  command: string;
  /** Kustomize version the engine embeds, e.g. `v5.5.0`. */
  version: string;
}

/** One environment after render: its resources with provenance, and anything the render itself found. */
export interface RenderedEnvironment {
  env: Environment;
  resources: Resource[];
  /** Render-level findings: YAML errors in the output, kustomization problems, duplicate resources. */
  findings: Finding[];
  locator: Locator;
  engine: EngineInfo;
  /** True when the render came from the content-hash cache. */
  cached: boolean;
  /**
   * The rendered stream as shown to people and written by `render --out`: build annotations stripped and
   * Secret values redacted. Every `Resource.rendered` document points into this text.
   */
  output: string;
  /** Repository-relative files in the kustomization closure (what the cache key hashes). */
  closure: string[];
}
