// Values the API server's validation accepts for string fields whose OpenAPI schema says only "string" (the
// published documents carry no enum for them; the allowed values are in the server's validation code and the
// field descriptions). Added to the generated definitions, so `imagePullPolicy: always` is a schema/enum
// finding like any other. An empty string is Go's zero value, which the server reads as "unset". (Ingress
// pathType has a semantic check of its own, semantic/ingress-path-type.)

type EnumTable = Record<string, Record<string, readonly string[]>>;

const PROTOCOLS = ['TCP', 'UDP', 'SCTP'];
const PULL = ['Always', 'IfNotPresent', 'Never'];
const TERMINATION_MESSAGE = ['File', 'FallbackToLogsOnError'];
const PROFILE = ['RuntimeDefault', 'Unconfined', 'Localhost'];
const CORE = 'io.k8s.api.core.v1.';

/** Definition → property → allowed values; `[]` after a property name means the values of its list items. */
export const SERVER_ENUMS: EnumTable = {
  [`${CORE}Container`]: { imagePullPolicy: PULL, terminationMessagePolicy: TERMINATION_MESSAGE },
  [`${CORE}EphemeralContainer`]: { imagePullPolicy: PULL, terminationMessagePolicy: TERMINATION_MESSAGE },
  [`${CORE}PodSpec`]: {
    restartPolicy: ['Always', 'OnFailure', 'Never'],
    dnsPolicy: ['ClusterFirst', 'ClusterFirstWithHostNet', 'Default', 'None'],
    preemptionPolicy: ['PreemptLowerPriority', 'Never'],
  },
  [`${CORE}ContainerPort`]: { protocol: PROTOCOLS },
  [`${CORE}ServicePort`]: { protocol: PROTOCOLS },
  [`${CORE}ServiceSpec`]: {
    type: ['ClusterIP', 'NodePort', 'LoadBalancer', 'ExternalName'],
    externalTrafficPolicy: ['Cluster', 'Local'],
    internalTrafficPolicy: ['Cluster', 'Local'],
    sessionAffinity: ['None', 'ClientIP'],
    ipFamilyPolicy: ['SingleStack', 'PreferDualStack', 'RequireDualStack'],
    'ipFamilies[]': ['IPv4', 'IPv6'],
  },
  [`${CORE}Toleration`]: { operator: ['Exists', 'Equal'], effect: ['NoSchedule', 'PreferNoSchedule', 'NoExecute'] },
  [`${CORE}HTTPGetAction`]: { scheme: ['HTTP', 'HTTPS'] },
  [`${CORE}NodeSelectorRequirement`]: { operator: ['In', 'NotIn', 'Exists', 'DoesNotExist', 'Gt', 'Lt'] },
  'io.k8s.apimachinery.pkg.apis.meta.v1.LabelSelectorRequirement': {
    operator: ['In', 'NotIn', 'Exists', 'DoesNotExist'],
  },
  [`${CORE}TopologySpreadConstraint`]: {
    whenUnsatisfiable: ['DoNotSchedule', 'ScheduleAnyway'],
    nodeAffinityPolicy: ['Honor', 'Ignore'],
    nodeTaintsPolicy: ['Honor', 'Ignore'],
  },
  [`${CORE}PersistentVolumeClaimSpec`]: {
    'accessModes[]': ['ReadWriteOnce', 'ReadOnlyMany', 'ReadWriteMany', 'ReadWriteOncePod'],
    volumeMode: ['Filesystem', 'Block'],
  },
  [`${CORE}SeccompProfile`]: { type: PROFILE },
  [`${CORE}AppArmorProfile`]: { type: PROFILE },
  [`${CORE}SecurityContext`]: { procMount: ['Default', 'Unmasked'] },
  'io.k8s.api.apps.v1.DeploymentStrategy': { type: ['Recreate', 'RollingUpdate'] },
  'io.k8s.api.apps.v1.StatefulSetUpdateStrategy': { type: ['RollingUpdate', 'OnDelete'] },
  'io.k8s.api.apps.v1.StatefulSetSpec': { podManagementPolicy: ['OrderedReady', 'Parallel'] },
  'io.k8s.api.apps.v1.DaemonSetUpdateStrategy': { type: ['RollingUpdate', 'OnDelete'] },
  'io.k8s.api.batch.v1.CronJobSpec': { concurrencyPolicy: ['Allow', 'Forbid', 'Replace'] },
  'io.k8s.api.batch.v1.JobSpec': { completionMode: ['NonIndexed', 'Indexed'] },
  'io.k8s.api.networking.v1.NetworkPolicySpec': { 'policyTypes[]': ['Ingress', 'Egress'] },
  'io.k8s.api.policy.v1.PodDisruptionBudgetSpec': { unhealthyPodEvictionPolicy: ['IfHealthyBudget', 'AlwaysAllow'] },
};

type Schema = Record<string, unknown>;

/** Adds the server's enums to the string properties of the converted definitions that exist in this release. */
export function addServerEnums(definitions: Record<string, Schema>): void {
  for (const [name, props] of Object.entries(SERVER_ENUMS)) {
    const properties = definitions[name]?.['properties'] as Record<string, Schema> | undefined;
    if (!properties) continue;
    for (const [key, values] of Object.entries(props)) {
      const list = key.endsWith('[]');
      const prop = properties[list ? key.slice(0, -2) : key];
      const target = list ? (prop?.['items'] as Schema | undefined) : prop;
      if (!target || !isStringType(target['type'])) continue;
      target['enum'] = [...values, '', ...(Array.isArray(target['type']) && target['type'].includes('null') ? [null] : [])];
    }
  }
}

function isStringType(type: unknown): boolean {
  return type === 'string' || (Array.isArray(type) && type.includes('string'));
}
