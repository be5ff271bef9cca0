// The Pod Security Standards as data: levels, versions and the controls that judge one pod template.

import type { ContainerRef, PodTemplate } from '../../core/pods.js';

/** A pod template under review: what every control reads. */
export interface PodUnderReview {
  template: PodTemplate;
  containers: readonly ContainerRef[];
}

/** One field that breaks a control: where it is (or belongs) and what is wrong with it. */
export interface Violation {
  pointer: string;
  detail: string;
}

export interface Control {
  /** The upstream check's id (e.g. `capabilities_restricted`), used in messages and docs. */
  id: string;
  level: 'baseline' | 'restricted';
  /** First Kubernetes minor (1.x) whose standard has this control. */
  since: number;
  /** Baseline controls this one replaces at the restricted level (from `since` on). */
  replaces?: readonly string[];
  /** The violations of one pod at standard version 1.`minor` (version differences live inside). */
  check(pod: PodUnderReview, minor: number): Violation[];
}
