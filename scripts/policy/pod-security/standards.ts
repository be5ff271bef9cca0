// Which controls apply at a level and version, and what a namespace's labels (or the cluster's defaults) ask
// for in each admission mode. Mirrors how the API server's PodSecurity admission reads them.

import type { ClusterPodSecurity, PodSecurityLevel } from '../../core/resource.js';
import { BASELINE } from './baseline.js';
import { RESTRICTED } from './restricted.js';
import type { Control, PodUnderReview, Violation } from './types.js';

export const MODES = ['enforce', 'warn', 'audit'] as const;
export type Mode = (typeof MODES)[number];

const LEVELS: readonly PodSecurityLevel[] = ['privileged', 'baseline', 'restricted'];

/** The controls of `level` at standard version 1.`minor`: restricted is baseline plus its own, minus what those replace. */
export function controlsFor(level: PodSecurityLevel, minor: number): Control[] {
  if (level === 'privileged') return [];
  const baseline = BASELINE.filter((c) => c.since <= minor);
  if (level === 'baseline') return baseline;
  const restricted = RESTRICTED.filter((c) => c.since <= minor);
  const replaced = new Set(restricted.flatMap((c) => c.replaces ?? []));
  return [...baseline.filter((c) => !replaced.has(c.id)), ...restricted];
}

export interface ControlViolation extends Violation {
  control: string;
}

export function evaluate(pod: PodUnderReview, level: PodSecurityLevel, minor: number): ControlViolation[] {
  return controlsFor(level, minor).flatMap((c) => c.check(pod, minor).map((v) => ({ ...v, control: c.id })));
}

/** What one mode asks for, and where that came from. */
export interface ModeSetting {
  level: PodSecurityLevel;
  minor: number;
  /** `v1.N` or `latest, 1.N`, for messages. */
  version: string;
  /** The label it came from; undefined for the cluster default. */
  label?: string;
}

/** A label value the API server refuses (it rejects the Namespace, and evaluates its pods as restricted). */
export interface LabelProblem {
  label: string;
  detail: string;
}

export interface NamespaceSetting {
  modes: Record<Mode, ModeSetting>;
  problems: LabelProblem[];
}

export const LABEL_PREFIX = 'pod-security.kubernetes.io/';

/**
 * The level and version per mode for a namespace with `labels`, on a cluster at 1.`clusterMinor` whose
 * defaults are `defaults`. A label names the level; `<mode>-version` pins the standard's version (`latest`,
 * the cluster's own, when absent). A version newer than the cluster is read as the cluster's.
 */
export function namespaceSetting(
  labels: Readonly<Record<string, string>>,
  defaults: ClusterPodSecurity,
  clusterMinor: number,
): NamespaceSetting {
  const problems: LabelProblem[] = [];
  const modes = {} as Record<Mode, ModeSetting>;
  for (const mode of MODES) {
    const levelLabel = `${LABEL_PREFIX}${mode}`;
    const versionLabel = `${levelLabel}-version`;
    let level: PodSecurityLevel = defaults[mode] ?? 'privileged';
    let versionText: string = defaults[`${mode}Version`] ?? 'latest';
    let from: string | undefined;
    const givenLevel = labels[levelLabel];
    if (givenLevel !== undefined) {
      from = levelLabel;
      if ((LEVELS as readonly string[]).includes(givenLevel)) {
        level = givenLevel as PodSecurityLevel;
        versionText = 'latest';
      } else {
        problems.push({
          label: levelLabel,
          detail: `"${givenLevel}" is not a level (privileged, baseline, restricted)`,
        });
        level = 'restricted';
        versionText = 'latest';
      }
    }
    const givenVersion = labels[versionLabel];
    if (givenVersion !== undefined) {
      if (parseVersion(givenVersion) === undefined)
        problems.push({ label: versionLabel, detail: `"${givenVersion}" is not a version (latest or v1.N)` });
      else versionText = givenVersion;
    }
    const pinned = parseVersion(versionText);
    const minor = pinned === undefined || pinned === 'latest' ? clusterMinor : Math.min(pinned, clusterMinor);
    modes[mode] = {
      level,
      minor,
      version: pinned === undefined || pinned === 'latest' ? `latest, 1.${clusterMinor}` : `v1.${minor}`,
      ...(from ? { label: from } : {}),
    };
  }
  return { modes, problems };
}

function parseVersion(text: string): number | 'latest' | undefined {
  if (text === 'latest') return 'latest';
  const m = /^v1\.(0|[1-9][0-9]*)$/.exec(text);
  return m ? Number(m[1]) : undefined;
}

/** `1.32` → 32. */
export function minorOf(kubernetesVersion: string): number {
  const m = /^1\.(\d+)$/.exec(kubernetesVersion);
  return m ? Number(m[1]) : 32;
}
