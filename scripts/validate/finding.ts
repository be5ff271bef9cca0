// The small shared vocabulary of the validation checks.

import type { Problem } from '../codes/index.js';
import { containersOf, podTemplate, type ContainerRef, type PodTemplate } from '../core/pods.js';
import type { Finding, Resource } from '../core/resource.js';

export interface CheckContext {
  /** Target Kubernetes minor version, e.g. `1.32`. */
  kubernetesVersion: string;
  /**
   * True when the resources are a whole environment (a render); false for plain files, which may hold only
   * part of an application, so cross-resource references are reported as warnings.
   */
  complete: boolean;
  /** Where checks may remember inputs that passed (PromQL expressions), so later runs skip them. */
  cacheDir?: string;
}

/** A check over one resource. Cross-resource checks take the whole list instead. */
export type ResourceCheck = (resource: Resource, ctx: CheckContext) => Finding[];

/** A finding about `subject` at `pointer`, worded by the code registry. */
export function finding(subject: Resource, pointer: string, p: Problem): Finding {
  // `p` is fresh from problem(): completing it in place saves a copy per finding.
  const f = p as Finding;
  f.subject = subject;
  f.pointer = pointer;
  return f;
}

/** `1.9` < `1.10`: compare Kubernetes minor versions numerically. */
export function compareMinor(a: string, b: string): number {
  const [am = 0, an = 0] = a.split('.').map(Number);
  const [bm = 0, bn = 0] = b.split('.').map(Number);
  return am - bm || an - bn;
}

export interface PodView {
  template: PodTemplate;
  containers: ContainerRef[];
}

let lastResource: Resource | undefined;
let lastView: PodView | undefined;

/**
 * The pod template and containers of a resource. Checks run one resource at a time, so a one-entry memo
 * lets every check ask without walking the template again.
 */
export function podView(resource: Resource): PodView | undefined {
  if (resource === lastResource) return lastView;
  const template = podTemplate(resource);
  lastResource = resource;
  lastView = template ? { template, containers: containersOf(template) } : undefined;
  return lastView;
}
