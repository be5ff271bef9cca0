// The policy registry. Adding a policy: write policies/<id>.ts, add its id to PolicyId and an entry to
// POLICIES under the same id (the `satisfies` clause makes a missing or extra entry a compile error).

import type { Policy } from '../scripts/policy/types.js';

import capabilities from './capabilities.js';
import noHostNamespaces from './no-host-namespaces.js';
import noHostPath from './no-host-path.js';
import noHostPort from './no-host-port.js';
import noPrivilegeEscalation from './no-privilege-escalation.js';
import notPrivileged from './not-privileged.js';
import readOnlyRootFilesystem from './read-only-root-filesystem.js';
import runAsGroupNonZero from './run-as-group-non-zero.js';
import runAsNonRoot from './run-as-non-root.js';
import seccompProfile from './seccomp-profile.js';
import serviceAccountToken from './service-account-token.js';
import cpuLimit from './cpu-limit.js';
import distinctProbes from './distinct-probes.js';
import livenessProbe from './liveness-probe.js';
import memoryLimit from './memory-limit.js';
import probePortExists from './probe-port-exists.js';
import readinessProbe from './readiness-probe.js';
import requestsWithinLimits from './requests-within-limits.js';
import resourceBounds from './resource-bounds.js';
import resourceRequests from './resource-requests.js';
import startupProbe from './startup-probe.js';

export type PolicyId =
  // Pod security
  | 'run-as-non-root'
  | 'run-as-group-non-zero'
  | 'read-only-root-filesystem'
  | 'no-privilege-escalation'
  | 'not-privileged'
  | 'capabilities'
  | 'seccomp-profile'
  | 'no-host-namespaces'
  | 'no-host-path'
  | 'no-host-port'
  | 'service-account-token'
  // Resources
  | 'resource-requests'
  | 'memory-limit'
  | 'cpu-limit'
  | 'requests-within-limits'
  | 'resource-bounds'
  // Probes
  | 'readiness-probe'
  | 'liveness-probe'
  | 'probe-port-exists'
  | 'distinct-probes'
  | 'startup-probe';

export const POLICIES = {
  // Pod security
  'run-as-non-root': runAsNonRoot,
  'run-as-group-non-zero': runAsGroupNonZero,
  'read-only-root-filesystem': readOnlyRootFilesystem,
  'no-privilege-escalation': noPrivilegeEscalation,
  'not-privileged': notPrivileged,
  capabilities,
  'seccomp-profile': seccompProfile,
  'no-host-namespaces': noHostNamespaces,
  'no-host-path': noHostPath,
  'no-host-port': noHostPort,
  'service-account-token': serviceAccountToken,
  // Resources
  'resource-requests': resourceRequests,
  'memory-limit': memoryLimit,
  'cpu-limit': cpuLimit,
  'requests-within-limits': requestsWithinLimits,
  'resource-bounds': resourceBounds,
  // Probes
  'readiness-probe': readinessProbe,
  'liveness-probe': livenessProbe,
  'probe-port-exists': probePortExists,
  'distinct-probes': distinctProbes,
  'startup-probe': startupProbe,
} satisfies Record<PolicyId, Policy<any>>;

/** Every policy in registry order (the order `kcfg policies` lists them). */
export const POLICY_LIST: readonly Policy<any>[] = Object.values(POLICIES);

export const POLICY_IDS = Object.keys(POLICIES) as PolicyId[];
