import type { Namespace } from 'kubernetes-types/core/v1.js';
import { manifest, sub } from '../scripts/core/manifest.js';
import { strings } from '../scripts/core/pods.js';
import { escapePointer, type ClusterPodSecurity, type Resource } from '../scripts/core/resource.js';
import {
  evaluate,
  minorOf,
  MODES,
  namespaceSetting,
  type Mode,
  type NamespaceSetting,
} from '../scripts/policy/pod-security/standards.js';
import type { Policy, PolicyFinding } from '../scripts/policy/types.js';
import { POD_KINDS, podWorkloads } from '../scripts/policy/workloads.js';

const policy: Policy = {
  meta: {
    id: 'pod-security-admission',
    title: 'Pods pass the Pod Security level their namespace enforces',
    defaultSeverity: 'error',
    rationale:
      "The API server's PodSecurity admission rejects pods that break the level their namespace enforces; a workload that passes review but whose pods are refused never starts. House exemptions cannot change what the cluster enforces.",
    remediation:
      'Change the pod template so it meets the level (the message names the field), or run it in a namespace whose level allows it.',
    kinds: [...POD_KINDS, 'Namespace'],
    docs: 'docs/policies/pod-security-admission.md',
    exemptions: 'forbidden',
  },
  defaults: {},
  check(ctx) {
    const out: PolicyFinding[] = [];
    const defaults: ClusterPodSecurity = ctx.env.podSecurity ?? {};
    const exempt = new Set(defaults.exemptNamespaces ?? []);
    const clusterMinor = minorOf(ctx.env.kubernetesVersion);
    const namespaces = new Map<string, Resource>();
    for (const ns of ctx.byKind('Namespace')) if (ns.id.group === '') namespaces.set(ns.id.name, ns);

    const settings = new Map<string, NamespaceSetting>();
    const settingOf = (name: string): NamespaceSetting => {
      let s = settings.get(name);
      if (!s) {
        const ns = namespaces.get(name);
        const labels = ns ? strings(sub(manifest<Namespace>(ns), 'metadata')?.labels) : {};
        s = namespaceSetting(labels, defaults, clusterMinor);
        settings.set(name, s);
        for (const p of ns ? s.problems : []) {
          out.push({
            subject: ns!,
            pointer: `/metadata/labels/${escapePointer(p.label)}`,
            message: `the API server refuses this Namespace: ${p.label} ${p.detail}; its pods are judged as restricted`,
            hint: 'use privileged, baseline or restricted, and latest or v1.N for versions',
            enforced: true,
          });
        }
      }
      return s;
    };

    for (const w of podWorkloads(ctx)) {
      const nsName = w.resource.id.namespace ?? 'default';
      if (exempt.has(nsName)) continue;
      const setting = settingOf(nsName);
      // One finding per broken field, under the strictest mode that flags it.
      const seen = new Set<string>();
      for (const mode of MODES) {
        const m = setting.modes[mode];
        for (const v of evaluate({ template: w.template, containers: w.containers }, m.level, m.minor)) {
          const key = `${v.pointer}\u0000${v.detail}`;
          if (seen.has(key)) continue;
          seen.add(key);
          out.push({
            subject: w.resource,
            pointer: v.pointer,
            message: `${lead(mode, nsName, m.level, m.version, m.label)}: ${v.detail} [${v.control}]`,
            hint: `meet ${m.level}, or run the workload in a namespace whose ${mode} level allows it`,
            ...(mode === 'enforce' ? { enforced: true as const } : { severity: 'warning' as const }),
          });
        }
      }
    }
    return out;
  },
};

function lead(mode: Mode, ns: string, level: string, version: string, label: string | undefined): string {
  const where = label ? `namespace ${ns}` : `the cluster default for namespace ${ns}`;
  if (mode === 'enforce') return `the API server will reject these pods: ${where} enforces ${level} (${version})`;
  return `${where} ${mode === 'warn' ? 'warns' : 'audits'} at ${level} (${version})`;
}

export default policy;
