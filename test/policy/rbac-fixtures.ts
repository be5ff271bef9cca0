// YAML builders for the RBAC policy table tests.

export function role(rules: string, kind: 'Role' | 'ClusterRole' = 'Role', name = 'app'): string {
  return `apiVersion: rbac.authorization.k8s.io/v1
kind: ${kind}
metadata:
  name: ${name}
${kind === 'Role' ? '  namespace: shop\n' : ''}rules:
${rules}
`;
}

export function binding(
  roleRef: string,
  opts: {
    kind?: 'RoleBinding' | 'ClusterRoleBinding';
    roleKind?: 'Role' | 'ClusterRole';
    subjects?: string;
    name?: string;
  } = {},
): string {
  const kind = opts.kind ?? 'RoleBinding';
  return `apiVersion: rbac.authorization.k8s.io/v1
kind: ${kind}
metadata:
  name: ${opts.name ?? 'app'}
${kind === 'RoleBinding' ? '  namespace: shop\n' : ''}roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: ${opts.roleKind ?? 'ClusterRole'}
  name: ${roleRef}
subjects:
${opts.subjects ?? '  - { kind: ServiceAccount, name: app, namespace: shop }'}
`;
}
