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
import pdbCoverage from './pdb-coverage.js';
import pdbAllowsDisruption from './pdb-allows-disruption.js';
import pdbMatchesPods from './pdb-matches-pods.js';
import pdbOverlap from './pdb-overlap.js';
import hpaMinReplicas from './hpa-min-replicas.js';
import hpaOwnsReplicas from './hpa-owns-replicas.js';
import spreadReplicas from './spread-replicas.js';
import rollingUpdateCapacity from './rolling-update-capacity.js';
import imageTag from './image-tag.js';
import imageDigest from './image-digest.js';
import allowedRegistries from './allowed-registries.js';
import serviceSelectsPods from './service-selects-pods.js';
import ingressBackend from './ingress-backend.js';
import ingressTlsCertificate from './ingress-tls-certificate.js';
import certificateIssuer from './certificate-issuer.js';
import configReferences from './config-references.js';
import serviceAccountExists from './service-account-exists.js';
import monitorSelectors from './monitor-selectors.js';
import alertRuleMetadata from './alert-rule-metadata.js';
import networkPolicySelects from './network-policy-selects.js';
import namespaceSet from './namespace-set.js';
import namespacePodSecurity from './namespace-pod-security.js';
import podSecurityAdmission from './pod-security-admission.js';
import defaultDenyNetworkPolicy from './default-deny-network-policy.js';
import rbacClusterAdmin from './rbac-cluster-admin.js';
import rbacWildcards from './rbac-wildcards.js';
import rbacSecretsRead from './rbac-secrets-read.js';
import rbacPodExec from './rbac-pod-exec.js';
import rbacEscalationVerbs from './rbac-escalation-verbs.js';
import rbacDefaultServiceAccount from './rbac-default-service-account.js';
import imagePullPolicy from './image-pull-policy.js';
import serviceType from './service-type.js';
import envLiteralCredentials from './env-literal-credentials.js';
import guaranteedQos from './guaranteed-qos.js';
import minReplicas from './min-replicas.js';
import podsVisible from './pods-visible.js';
import noSecretData from './no-secret-data.js';
import recommendedLabels from './recommended-labels.js';

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
  | 'pods-visible'
  // Resources
  | 'resource-requests'
  | 'memory-limit'
  | 'cpu-limit'
  | 'requests-within-limits'
  | 'resource-bounds'
  | 'guaranteed-qos'
  // Probes
  | 'readiness-probe'
  | 'liveness-probe'
  | 'probe-port-exists'
  | 'distinct-probes'
  | 'startup-probe'
  // Availability
  | 'pdb-coverage'
  | 'pdb-allows-disruption'
  | 'pdb-matches-pods'
  | 'pdb-overlap'
  | 'hpa-min-replicas'
  | 'hpa-owns-replicas'
  | 'spread-replicas'
  | 'rolling-update-capacity'
  | 'min-replicas'
  // Images
  | 'image-tag'
  | 'image-digest'
  | 'allowed-registries'
  | 'image-pull-policy'
  // References
  | 'service-selects-pods'
  | 'ingress-backend'
  | 'ingress-tls-certificate'
  | 'certificate-issuer'
  | 'config-references'
  | 'service-account-exists'
  | 'monitor-selectors'
  | 'alert-rule-metadata'
  | 'network-policy-selects'
  | 'service-type'
  // Namespaces
  | 'namespace-set'
  | 'namespace-pod-security'
  | 'pod-security-admission'
  | 'default-deny-network-policy'
  // RBAC
  | 'rbac-cluster-admin'
  | 'rbac-wildcards'
  | 'rbac-secrets-read'
  | 'rbac-pod-exec'
  | 'rbac-escalation-verbs'
  | 'rbac-default-service-account'
  // Repository hygiene
  | 'no-secret-data'
  | 'env-literal-credentials'
  | 'recommended-labels';

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
  'pods-visible': podsVisible,
  // Resources
  'resource-requests': resourceRequests,
  'memory-limit': memoryLimit,
  'cpu-limit': cpuLimit,
  'requests-within-limits': requestsWithinLimits,
  'resource-bounds': resourceBounds,
  'guaranteed-qos': guaranteedQos,
  // Probes
  'readiness-probe': readinessProbe,
  'liveness-probe': livenessProbe,
  'probe-port-exists': probePortExists,
  'distinct-probes': distinctProbes,
  'startup-probe': startupProbe,
  // Availability
  'pdb-coverage': pdbCoverage,
  'pdb-allows-disruption': pdbAllowsDisruption,
  'pdb-matches-pods': pdbMatchesPods,
  'pdb-overlap': pdbOverlap,
  'hpa-min-replicas': hpaMinReplicas,
  'hpa-owns-replicas': hpaOwnsReplicas,
  'spread-replicas': spreadReplicas,
  'rolling-update-capacity': rollingUpdateCapacity,
  'min-replicas': minReplicas,
  // Images
  'image-tag': imageTag,
  'image-digest': imageDigest,
  'allowed-registries': allowedRegistries,
  'image-pull-policy': imagePullPolicy,
  // References
  'service-selects-pods': serviceSelectsPods,
  'ingress-backend': ingressBackend,
  'ingress-tls-certificate': ingressTlsCertificate,
  'certificate-issuer': certificateIssuer,
  'config-references': configReferences,
  'service-account-exists': serviceAccountExists,
  'monitor-selectors': monitorSelectors,
  'alert-rule-metadata': alertRuleMetadata,
  'network-policy-selects': networkPolicySelects,
  'service-type': serviceType,
  // Namespaces
  'namespace-set': namespaceSet,
  'namespace-pod-security': namespacePodSecurity,
  'pod-security-admission': podSecurityAdmission,
  'default-deny-network-policy': defaultDenyNetworkPolicy,
  // RBAC
  'rbac-cluster-admin': rbacClusterAdmin,
  'rbac-wildcards': rbacWildcards,
  'rbac-secrets-read': rbacSecretsRead,
  'rbac-pod-exec': rbacPodExec,
  'rbac-escalation-verbs': rbacEscalationVerbs,
  'rbac-default-service-account': rbacDefaultServiceAccount,
  // Repository hygiene
  'no-secret-data': noSecretData,
  'env-literal-credentials': envLiteralCredentials,
  'recommended-labels': recommendedLabels,
} satisfies Record<PolicyId, Policy<any>>;

/** Every policy in registry order (the order `kcfg policies` lists them). */
export const POLICY_LIST: readonly Policy<any>[] = Object.values(POLICIES);

export const POLICY_IDS = Object.keys(POLICIES) as PolicyId[];
