import { describe } from '../scripts/policy/scaling.js';
import { grants, listOf, roles, rulesOf } from '../scripts/policy/rbac.js';
import type { Policy, PolicyFinding } from '../scripts/policy/types.js';

/** Subresources that open a shell, a terminal or a tunnel into a running pod; exec and attach use get over websockets too. */
const SUBRESOURCES = ['pods/exec', 'pods/attach', 'pods/portforward'];

const policy: Policy = {
  meta: {
    id: 'rbac-pod-exec',
    title: 'Roles do not grant exec, attach or port-forward into pods',
    defaultSeverity: 'error',
    rationale:
      'exec, attach and port-forward run commands in, or tunnel into, a running container: the subject gets the pod’s service account token, its mounted Secrets and its network position, whatever else its role denies.',
    remediation:
      'Drop pods/exec, pods/attach and pods/portforward from application roles; give engineers break-glass access through a separate, audited role.',
    kinds: ['Role', 'ClusterRole'],
    docs: 'docs/policies/rbac-pod-exec.md',
  },
  defaults: {},
  check(ctx) {
    const out: PolicyFinding[] = [];
    for (const role of roles(ctx)) {
      for (const ref of rulesOf(role)) {
        const granted = SUBRESOURCES.filter((s) => grants(ref.rule, '', s, 'create') || grants(ref.rule, '', s, 'get'));
        if (granted.length === 0) continue;
        const resources = listOf(ref.rule, 'resources');
        const entry = resources.findIndex((r) => granted.includes(r) || r === 'pods/*' || r === '*');
        out.push({
          subject: role,
          pointer: `${ref.pointer}/resources${entry >= 0 ? `/${entry}` : ''}`,
          message: `${describe(role)} grants ${granted.join(', ')} (${ref.pointer})`,
          hint: `remove ${granted.join(', ')} from the rule`,
        });
      }
    }
    return out;
  },
};

export default policy;
