import { describe } from '../scripts/policy/scaling.js';
import { bindings, bindingsOf, boundRole, grants, listOf, roleRefOf, roles, rulesOf } from '../scripts/policy/rbac.js';
import type { Policy, PolicyFinding } from '../scripts/policy/types.js';

const READ = ['get', 'list', 'watch'];

/** Built-in ClusterRoles that can read Secrets (cluster-admin has a policy of its own). */
const BUILTIN_READERS = new Set(['admin', 'edit']);

const policy: Policy = {
  meta: {
    id: 'rbac-secrets-read',
    title: 'Nothing reads Secrets across the whole cluster',
    defaultSeverity: 'error',
    rationale:
      'Reading Secrets in every namespace yields every credential, service account token and TLS key in the cluster; list and watch return the values too, not only names.',
    remediation:
      'Grant Secret reads with a Role (or a RoleBinding to a ClusterRole) in the namespaces that need them, and name the Secrets with resourceNames where you can.',
    kinds: ['ClusterRole', 'ClusterRoleBinding'],
    docs: 'docs/policies/rbac-secrets-read.md',
  },
  defaults: {},
  check(ctx) {
    const out: PolicyFinding[] = [];
    for (const role of roles(ctx)) {
      if (role.kind !== 'ClusterRole') continue;
      const clusterWide = bindingsOf(ctx, role).filter((b) => b.kind === 'ClusterRoleBinding');
      if (clusterWide.length === 0) continue;
      for (const ref of rulesOf(role)) {
        if (listOf(ref.rule, 'resourceNames').length > 0) continue;
        const verbs = READ.filter((v) => grants(ref.rule, '', 'secrets', v));
        if (verbs.length === 0) continue;
        out.push({
          subject: role,
          pointer: `${ref.pointer}/verbs`,
          message: `${describe(role)} lets ${verbs.join(', ')} on Secrets in every namespace: ${clusterWide.map(describe).join(', ')} binds it cluster-wide`,
          hint: 'grant Secret reads per namespace with a Role or RoleBinding',
        });
      }
    }
    for (const b of bindings(ctx)) {
      const ref = roleRefOf(b);
      if (b.kind !== 'ClusterRoleBinding' || ref?.kind !== 'ClusterRole' || !BUILTIN_READERS.has(ref.name)) continue;
      if (boundRole(ctx, b)) continue; // a ClusterRole of that name in the render is judged above
      out.push({
        subject: b,
        pointer: '/roleRef/name',
        message: `${describe(b)} binds the built-in ClusterRole ${ref.name} cluster-wide, which reads Secrets in every namespace`,
        hint: `bind ${ref.name} with a RoleBinding in the namespaces that need it`,
      });
    }
    return out;
  },
};

export default policy;
