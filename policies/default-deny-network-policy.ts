import type { NetworkPolicy } from 'kubernetes-types/networking/v1.js';
import { manifest, sub } from '../scripts/core/manifest.js';
import { asSelector, isEmptySelector } from '../scripts/core/pods.js';
import type { Resource } from '../scripts/core/resource.js';
import type { Policy, PolicyFinding } from '../scripts/policy/types.js';
import { POD_KINDS, podWorkloads } from '../scripts/policy/workloads.js';
import { namespaceName } from '../scripts/policy/namespace-name.js';

const policy: Policy<Record<string, never>> = {
  meta: {
    id: 'default-deny-network-policy',
    title: 'Every namespace with workloads has a default-deny NetworkPolicy',
    defaultSeverity: 'error',
    rationale:
      'Pods accept traffic from anywhere and reach anything until some NetworkPolicy selects them; a default-deny policy makes every allowed flow an explicit, reviewed rule.',
    remediation:
      'Add a NetworkPolicy with podSelector: {}, policyTypes [Ingress, Egress] and no rules to the namespace, then allow the flows each workload needs (DNS egress included).',
    kinds: ['NetworkPolicy', 'Namespace', ...POD_KINDS],
    docs: 'docs/policies/default-deny-network-policy.md',
  },
  defaults: {},
  optionsSchema: { type: 'object', additionalProperties: false },
  check(ctx) {
    // First workload per namespace, in render order: the subject when the namespace itself is not rendered.
    const workloadNamespaces = new Map<string, Resource>();
    for (const w of podWorkloads(ctx)) {
      const ns = w.resource.id.namespace ?? '';
      if (!workloadNamespaces.has(ns)) workloadNamespaces.set(ns, w.resource);
    }
    const denies = new Set<string>();
    const nearMisses = new Map<string, { policy: Resource; pointer: string; why: string }>();
    for (const np of ctx.byKind('NetworkPolicy')) {
      if (np.id.group !== 'networking.k8s.io') continue;
      const ns = np.id.namespace ?? '';
      const problem = denyProblem(np);
      if (!problem) denies.add(ns);
      else if (problem.pointer !== '/spec/podSelector' && !nearMisses.has(ns))
        nearMisses.set(ns, { policy: np, ...problem });
    }
    const namespaces = new Map<string, Resource>();
    for (const n of ctx.byKind('Namespace')) if (n.id.group === '') namespaces.set(n.id.name, n);
    const out: PolicyFinding[] = [];
    for (const [ns, workload] of workloadNamespaces) {
      if (denies.has(ns)) continue;
      const near = nearMisses.get(ns);
      if (near) {
        out.push({
          subject: near.policy,
          pointer: near.pointer,
          message: `${namespaceName(ns)} has no default-deny NetworkPolicy: this one selects every pod but ${near.why}`,
          hint: 'use podSelector: {}, policyTypes: [Ingress, Egress] and no ingress or egress rules',
        });
        continue;
      }
      const subject = namespaces.get(ns) ?? workload;
      out.push({
        subject,
        pointer: '/metadata/name',
        message: `${namespaceName(ns)} has workloads but no default-deny NetworkPolicy (empty podSelector, policyTypes Ingress and Egress, no rules)`,
        hint: 'add a NetworkPolicy named default-deny with podSelector: {} and policyTypes: [Ingress, Egress]',
      });
    }
    return out;
  },
};

/** Why a NetworkPolicy is not a default deny, with the pointer to fix; undefined when it is one. */
function denyProblem(np: Resource): { pointer: string; why: string } | undefined {
  const spec = sub(manifest<NetworkPolicy>(np), 'spec');
  if (!isEmptySelector(asSelector(spec?.podSelector)))
    return { pointer: '/spec/podSelector', why: 'it selects only some pods' };
  const types = spec?.policyTypes;
  const list = Array.isArray(types) ? types : [];
  for (const t of ['Ingress', 'Egress']) {
    if (!list.includes(t)) return { pointer: '/spec/policyTypes', why: `its policyTypes lack ${t}` };
  }
  for (const field of ['ingress', 'egress'] as const) {
    const rules = spec?.[field];
    if (Array.isArray(rules) && rules.length > 0)
      return { pointer: `/spec/${field}`, why: `it allows ${field} traffic` };
  }
  return undefined;
}

export default policy;
