// The contract between the policy engine and the policies in policies/.

import type { Severity, SourceLocation } from '../core/diagnostic.js';
import type { Environment, Resource } from '../core/resource.js';
import type { RunIndex } from './run-index.js';

/** A policy's static description; every field is required so an incomplete policy does not compile. */
export interface PolicyMeta {
  /** Equals the policy's file name in policies/. */
  id: string;
  title: string;
  defaultSeverity: Severity;
  /** Why the rule exists (one or two sentences). */
  rationale: string;
  /** How to fix a finding. */
  remediation: string;
  /** Kinds the policy looks at (`*` for cross-cutting policies). */
  kinds: readonly string[];
  /** Repository-relative doc page, e.g. `docs/policies/run-as-non-root.md`. */
  docs: string;
  /** `forbidden` for a policy no exemption may ever silence (it mirrors what the cluster enforces). */
  exemptions?: 'forbidden';
}

/** Everything a policy may look at: all resources of one environment, indexed. */
export interface PolicyContext<Options = Record<string, unknown>> {
  env: Environment;
  resources: readonly Resource[];
  byKind(kind: string): readonly Resource[];
  /** Options for this policy from policies/config.yaml, environment overrides applied. */
  options: Options;
  /** Indexes derived from `resources`, built once per run and shared by the policies (policy/run-index.ts). */
  index: RunIndex;
  /** The repository files the environment's build reads (none for plain manifest files). */
  sources: SourceFiles;
}

export interface SourceFiles {
  /** Absolute path of the checked repository. */
  root: string;
  /** Repository-relative paths of the build's inputs (its closure). */
  files: readonly string[];
}

/** A policy finding: subject + pointer (the engine maps it to the source line) + message. */
export type PolicyFinding = ResourcePolicyFinding | FilePolicyFinding;

export interface ResourcePolicyFinding {
  subject: Resource;
  pointer: string;
  message: string;
  hint?: string;
  /** Container the finding concerns, for per-container exemptions. */
  container?: string;
  /** Overrides the configured severity for this one finding (e.g. a warning-level variant). */
  severity?: Severity;
  /**
   * The cluster itself refuses this (an enforced Pod Security level): always an error, and no exemption
   * annotation or baseline entry suppresses it.
   */
  enforced?: true;
}

/** A finding about a repository file that no rendered resource stands for (e.g. a Secret no build uses). */
export interface FilePolicyFinding {
  source: SourceLocation;
  message: string;
  hint?: string;
  severity?: Severity;
  subject?: never;
  enforced?: never;
}

export interface Policy<Options = Record<string, unknown>> {
  meta: PolicyMeta;
  /** Default options; configuration overrides them per environment. */
  defaults: Options;
  /** JSON Schema the merged options must satisfy; checked when policies/config.yaml is loaded. */
  optionsSchema?: Record<string, unknown>;
  check(ctx: PolicyContext<Options>): PolicyFinding[];
}
