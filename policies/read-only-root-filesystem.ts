import type { Policy, PolicyFinding } from '../scripts/policy/types.js';
import { containerSecurity, describeContainer, isWindows, POD_KINDS, podWorkloads } from '../scripts/policy/workloads.js';

const policy: Policy<Record<string, never>> = {
  meta: {
    id: 'read-only-root-filesystem',
    title: 'Containers mount their root filesystem read-only',
    defaultSeverity: 'error',
    rationale: 'A writable root filesystem lets an attacker drop binaries and change configuration inside the container; writes that matter belong on declared volumes.',
    remediation: 'Set securityContext.readOnlyRootFilesystem: true on every container and mount an emptyDir where the process needs to write (/tmp, caches).',
    kinds: POD_KINDS,
    docs: 'docs/policies/read-only-root-filesystem.md',
  },
  defaults: {},
  check(ctx) {
    const out: PolicyFinding[] = [];
    for (const w of podWorkloads(ctx)) {
      if (isWindows(w)) continue;
      for (const c of w.containers) {
        const ro = containerSecurity(c, 'readOnlyRootFilesystem');
        if (ro.value === true) continue;
        out.push({
          subject: w.resource,
          pointer: ro.pointer,
          container: c.name,
          message: ro.value === false ? `${describeContainer(c)} sets readOnlyRootFilesystem: false` : `${describeContainer(c)} does not set readOnlyRootFilesystem: true`,
          hint: 'set securityContext.readOnlyRootFilesystem: true and mount an emptyDir where the process writes',
        });
      }
    }
    return out;
  },
};

export default policy;
