// The shape of kcfg.yaml once it passed the schema, before defaults.

import type { ClusterPodSecurity } from '../core/resource.js';

export interface RawEnvironment {
  name?: string;
  path: string;
  kubernetesVersion?: string;
  podSecurity?: ClusterPodSecurity;
}

export interface RawConfig {
  $schema?: string;
  environments?: RawEnvironment[];
  engine?: { command?: string; version?: string; loadRestrictor?: 'RootOnly' | 'None' };
  schemas?: { kubernetesVersion?: string; allowUnknownKinds?: string[]; crds?: string[] };
  podSecurity?: ClusterPodSecurity;
  diff?: { ignore?: string[]; sensitive?: string[] };
  cacheDir?: string;
  docsUrl?: string;
}

export const DEFAULTS = {
  engineCommand: 'kubectl',
  loadRestrictor: 'RootOnly',
  kubernetesVersion: '1.32',
} as const;

export { CONFIG_FILES } from '../workspace/roots.js';
