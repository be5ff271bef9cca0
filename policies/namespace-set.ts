import type { CustomResourceDefinition } from 'kubernetes-types/apiextensions/v1.js';
import { manifest, str, sub } from '../scripts/core/manifest.js';
import type { Resource } from '../scripts/core/resource.js';
import type { Policy, PolicyFinding } from '../scripts/policy/types.js';

export interface Options {
  /** Further cluster-scoped kinds: `Kind` for the core group, `Kind.group` otherwise. */
  clusterScoped: string[];
}

/** Cluster-scoped kinds by `group/Kind`; CRDs in the render add their own. */
const CLUSTER_SCOPED = new Set([
  '/Namespace',
  '/Node',
  '/PersistentVolume',
  '/ComponentStatus',
  'rbac.authorization.k8s.io/ClusterRole',
  'rbac.authorization.k8s.io/ClusterRoleBinding',
  'apiextensions.k8s.io/CustomResourceDefinition',
  'apiregistration.k8s.io/APIService',
  'storage.k8s.io/StorageClass',
  'storage.k8s.io/CSIDriver',
  'storage.k8s.io/CSINode',
  'storage.k8s.io/VolumeAttachment',
  'scheduling.k8s.io/PriorityClass',
  'networking.k8s.io/IngressClass',
  'node.k8s.io/RuntimeClass',
  'admissionregistration.k8s.io/ValidatingWebhookConfiguration',
  'admissionregistration.k8s.io/MutatingWebhookConfiguration',
  'admissionregistration.k8s.io/ValidatingAdmissionPolicy',
  'admissionregistration.k8s.io/ValidatingAdmissionPolicyBinding',
  'certificates.k8s.io/CertificateSigningRequest',
  'flowcontrol.apiserver.k8s.io/FlowSchema',
  'flowcontrol.apiserver.k8s.io/PriorityLevelConfiguration',
  'networking.k8s.io/IPAddress',
  'networking.k8s.io/ServiceCIDR',
  'cert-manager.io/ClusterIssuer',
  'external-secrets.io/ClusterSecretStore',
  'external-secrets.io/ClusterExternalSecret',
  'external-secrets.io/ClusterPushSecret',
  'generators.external-secrets.io/ClusterGenerator',
  'gateway.networking.k8s.io/GatewayClass',
  'kyverno.io/ClusterPolicy',
  'snapshot.storage.k8s.io/VolumeSnapshotClass',
]);

const policy: Policy<Options> = {
  meta: {
    id: 'namespace-set',
    title: 'Namespaced resources name a namespace other than default',
    defaultSeverity: 'error',
    rationale:
      'A namespaced resource without a namespace lands in whatever namespace the applying tool defaults to, usually default, where it escapes the namespace quota, network and pod-security policies meant for it.',
    remediation:
      'Set namespace: in the overlay kustomization (or metadata.namespace in the base) to the namespace the environment owns.',
    kinds: ['*'],
    docs: 'docs/policies/namespace-set.md',
  },
  defaults: { clusterScoped: [] },
  optionsSchema: {
    type: 'object',
    properties: { clusterScoped: { type: 'array', items: { type: 'string', minLength: 1 } } },
    additionalProperties: false,
  },
  check(ctx) {
    const clusterScoped = new Set(CLUSTER_SCOPED);
    for (const k of ctx.options.clusterScoped) {
      const dot = k.indexOf('.');
      clusterScoped.add(dot < 0 ? `/${k}` : `${k.slice(dot + 1)}/${k.slice(0, dot)}`);
    }
    // CustomResourceDefinitions in the render say how their own kinds are scoped.
    for (const crd of ctx.byKind('CustomResourceDefinition')) {
      const spec = sub(manifest<CustomResourceDefinition>(crd), 'spec');
      const kind = str(sub(spec, 'names'), 'kind');
      const group = str(spec, 'group');
      if (kind === undefined || group === undefined) continue;
      if (spec?.scope === 'Cluster') clusterScoped.add(`${group}/${kind}`);
      else clusterScoped.delete(`${group}/${kind}`);
    }
    const out: PolicyFinding[] = [];
    for (const r of ctx.resources) {
      if (clusterScoped.has(`${r.id.group}/${r.kind}`)) continue;
      const ns = r.id.namespace;
      if (ns && ns !== 'default') continue;
      out.push(finding(r, ns));
    }
    return out;
  },
};

function finding(r: Resource, ns: string | undefined): PolicyFinding {
  return {
    subject: r,
    pointer: '/metadata/namespace',
    message: ns
      ? 'is in the default namespace'
      : 'has no namespace, so it lands in the default namespace of whoever applies it',
    hint: 'set namespace: in the overlay kustomization, or metadata.namespace',
  };
}

export default policy;
