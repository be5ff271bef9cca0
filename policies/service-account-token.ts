import type { ServiceAccount } from 'kubernetes-types/core/v1.js';
import { manifest } from '../scripts/core/manifest.js';
import type { Policy, PolicyFinding } from '../scripts/policy/types.js';
import { byNamespacedName, POD_KINDS, podWorkloads } from '../scripts/policy/workloads.js';

const policy: Policy<Record<string, never>> = {
  meta: {
    id: 'service-account-token',
    title: 'Pods decide explicitly whether to mount a service account token',
    defaultSeverity: 'error',
    rationale:
      'Kubernetes mounts an API token into every pod unless told otherwise; most workloads never call the API, and a stolen token is a foothold in the cluster.',
    remediation:
      'Set automountServiceAccountToken on the pod spec, or on the ServiceAccount the pod uses: false unless the workload calls the Kubernetes API.',
    kinds: [...POD_KINDS, 'ServiceAccount'],
    docs: 'docs/policies/service-account-token.md',
  },
  defaults: {},
  check(ctx) {
    const accounts = byNamespacedName(ctx, 'ServiceAccount');
    const out: PolicyFinding[] = [];
    for (const w of podWorkloads(ctx)) {
      if (typeof w.template.spec['automountServiceAccountToken'] === 'boolean') continue;
      const named = w.template.spec['serviceAccountName'] ?? w.template.spec['serviceAccount'];
      const name = typeof named === 'string' && named !== '' ? named : 'default';
      const account = accounts.get(`${w.resource.id.namespace ?? ''}/${name}`);
      if (
        account &&
        account.id.group === '' &&
        typeof manifest<ServiceAccount>(account).automountServiceAccountToken === 'boolean'
      )
        continue;
      out.push({
        subject: w.resource,
        pointer: `${w.template.specPointer}/automountServiceAccountToken`,
        message: account
          ? `neither the pod nor ServiceAccount "${name}" sets automountServiceAccountToken`
          : `pod does not set automountServiceAccountToken and its ServiceAccount "${name}" is not in the render`,
        hint: 'set automountServiceAccountToken: false on the pod spec (or true if it calls the Kubernetes API)',
      });
    }
    return out;
  },
};

export default policy;
