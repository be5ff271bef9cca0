import type { Policy, PolicyFinding } from '../scripts/policy/types.js';
import { POD_KINDS, podWorkloads } from '../scripts/policy/workloads.js';

const FIELDS = ['hostNetwork', 'hostPID', 'hostIPC'] as const;

const policy: Policy<Record<string, never>> = {
  meta: {
    id: 'no-host-namespaces',
    title: 'Pods do not share the host network, PID or IPC namespace',
    defaultSeverity: 'error',
    rationale:
      "Sharing the node's network, process or IPC namespace lets a pod see and talk to everything on the node, bypassing NetworkPolicy and process isolation.",
    remediation: 'Remove hostNetwork, hostPID and hostIPC from the pod spec (or set them to false).',
    kinds: POD_KINDS,
    docs: 'docs/policies/no-host-namespaces.md',
  },
  defaults: {},
  check(ctx) {
    const out: PolicyFinding[] = [];
    for (const w of podWorkloads(ctx)) {
      for (const field of FIELDS) {
        if (w.template.spec[field] === true) {
          out.push({
            subject: w.resource,
            pointer: `${w.template.specPointer}/${field}`,
            message: `pod sets ${field}: true`,
            hint: `remove ${field}`,
          });
        }
      }
    }
    return out;
  },
};

export default policy;
