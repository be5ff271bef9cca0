// RBAC reads the RBAC policies share: roles and their rules, bindings and what they grant, with `*` semantics.

import { escapePointer, isObject, type KObject, type Resource } from '../core/resource.js';
import { indexKey } from './run-index.js';
import type { PolicyContext } from './types.js';

const RBAC_GROUP = 'rbac.authorization.k8s.io';

type Ctx = Pick<PolicyContext<unknown>, 'byKind' | 'index'>;

export interface RuleRef {
  role: Resource;
  rule: KObject;
  /** `/rules/<i>` */
  pointer: string;
}

/** Roles and ClusterRoles of the RBAC group; an aggregated ClusterRole's rules are filled in by the cluster. */
export function roles(ctx: Ctx): Resource[] {
  return [...ctx.byKind('Role'), ...ctx.byKind('ClusterRole')].filter(
    (r) => r.id.group === RBAC_GROUP && !isSystemObject(r),
  );
}

export function bindings(ctx: Ctx): Resource[] {
  return [...ctx.byKind('RoleBinding'), ...ctx.byKind('ClusterRoleBinding')].filter(
    (r) => r.id.group === RBAC_GROUP && !isSystemObject(r),
  );
}

export function rulesOf(role: Resource): RuleRef[] {
  const rules = role.object['rules'];
  if (!Array.isArray(rules)) return [];
  const out: RuleRef[] = [];
  rules.forEach((rule, i) => {
    if (isObject(rule)) out.push({ role, rule, pointer: `/rules/${i}` });
  });
  return out;
}

/** A rule's list field as strings (apiGroups, resources, verbs, resourceNames, nonResourceURLs). */
export function listOf(rule: KObject, key: string): string[] {
  const v = rule[key];
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}

/** The pointer of `value` inside the rule's `key` list (the line to edit), or of the list itself. */
export function entryPointer(ref: RuleRef, key: string, value: string): string {
  const i = listOf(ref.rule, key).indexOf(value);
  return `${ref.pointer}/${escapePointer(key)}${i >= 0 ? `/${i}` : ''}`;
}

/** Whether the rule grants `verb` on `resource` (e.g. `pods/exec`) in API group `group`, `*` included. */
export function grants(rule: KObject, group: string, resource: string, verb: string): boolean {
  const groups = listOf(rule, 'apiGroups');
  if (!groups.includes('*') && !groups.includes(group)) return false;
  const verbs = listOf(rule, 'verbs');
  if (!verbs.includes('*') && !verbs.includes(verb)) return false;
  const resources = listOf(rule, 'resources');
  const [base, sub] = resource.split('/');
  return resources.some(
    (r) => r === '*' || r === resource || (sub !== undefined && r === `${base}/*`) || (sub === undefined && r === base),
  );
}

/** The verbs that, listed one by one, amount to `*` for an ordinary resource. */
const ALL_VERBS = ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete'];

/** Whether a rule grants everything: every verb (`*`, or all of them listed) on every resource of every group. */
export function isFullWildcard(rule: KObject): boolean {
  if (!listOf(rule, 'apiGroups').includes('*') || !listOf(rule, 'resources').includes('*')) return false;
  const verbs = listOf(rule, 'verbs');
  return verbs.includes('*') || ALL_VERBS.every((v) => verbs.includes(v));
}

/** `system:` names are reserved for objects the control plane creates and reconciles; they are not the repository's. */
export function isSystemObject(r: Resource): boolean {
  return r.id.name.startsWith('system:');
}

export interface RoleRef {
  kind: string;
  name: string;
}

export function roleRefOf(binding: Resource): RoleRef | undefined {
  const ref = binding.object['roleRef'];
  if (!isObject(ref) || typeof ref['name'] !== 'string' || typeof ref['kind'] !== 'string') return undefined;
  return { kind: ref['kind'], name: ref['name'] };
}

const ROLE_INDEX = indexKey<Map<string, Resource>>('roles by reference');

/** The Role or ClusterRole a binding refers to, when it is in the render. */
export function boundRole(ctx: Ctx, binding: Resource): Resource | undefined {
  const index = ctx.index.get(ROLE_INDEX, () => {
    const map = new Map<string, Resource>();
    for (const r of roles(ctx)) map.set(`${r.kind}/${r.kind === 'Role' ? (r.id.namespace ?? '') : ''}/${r.id.name}`, r);
    return map;
  });
  const ref = roleRefOf(binding);
  if (!ref) return undefined;
  const ns = ref.kind === 'Role' ? (binding.id.namespace ?? '') : '';
  return index.get(`${ref.kind}/${ns}/${ref.name}`);
}

const BINDERS = indexKey<Map<Resource, Resource[]>>('bindings by role');

/** The bindings in the render that refer to `role`. */
export function bindingsOf(ctx: Ctx, role: Resource): readonly Resource[] {
  const index = ctx.index.get(BINDERS, () => {
    const map = new Map<Resource, Resource[]>();
    for (const b of bindings(ctx)) {
      const r = boundRole(ctx, b);
      if (!r) continue;
      const list = map.get(r);
      if (list) list.push(b);
      else map.set(r, [b]);
    }
    return map;
  });
  return index.get(role) ?? [];
}
