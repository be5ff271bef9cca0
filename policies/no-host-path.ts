import type { Policy, PolicyFinding } from '../scripts/policy/types.js';
import { isObject } from '../scripts/core/resource.js';
import { POD_KINDS, podWorkloads } from '../scripts/policy/workloads.js';

const policy: Policy<Record<string, never>> = {
  meta: {
    id: 'no-host-path',
    title: 'Pods do not mount hostPath volumes',
    defaultSeverity: 'error',
    rationale:
      "A hostPath volume exposes the node's filesystem to the pod: container runtimes' sockets, kubelet credentials and other pods' data.",
    remediation: 'Use an emptyDir, a ConfigMap/Secret volume or a PersistentVolumeClaim instead of hostPath.',
    kinds: POD_KINDS,
    docs: 'docs/policies/no-host-path.md',
  },
  defaults: {},
  check(ctx) {
    const out: PolicyFinding[] = [];
    for (const w of podWorkloads(ctx)) {
      const volumes = w.template.spec['volumes'];
      if (!Array.isArray(volumes)) continue;
      volumes.forEach((v, i) => {
        if (!isObject(v) || !isObject(v['hostPath'])) return;
        const path = typeof v['hostPath']['path'] === 'string' ? ` (${v['hostPath']['path']})` : '';
        out.push({
          subject: w.resource,
          pointer: `${w.template.specPointer}/volumes/${i}/hostPath`,
          message: `volume "${String(v['name'])}" mounts a host path${path}`,
          hint: 'use an emptyDir, ConfigMap, Secret or PersistentVolumeClaim volume',
        });
      });
    }
    return out;
  },
};

export default policy;
