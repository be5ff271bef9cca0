import type { Policy } from '../scripts/policy/types.js';
import {
  containerSecurity,
  describeContainer,
  isWindows,
  perContainer,
  POD_KINDS,
  podWorkloads,
} from '../scripts/policy/workloads.js';

const policy: Policy<Record<string, never>> = {
  meta: {
    id: 'read-only-root-filesystem',
    title: 'Containers mount their root filesystem read-only',
    defaultSeverity: 'error',
    rationale:
      'A writable root filesystem lets an attacker drop binaries and change configuration inside the container; writes that matter belong on declared volumes.',
    remediation:
      'Set securityContext.readOnlyRootFilesystem: true on every container and mount an emptyDir where the process needs to write (/tmp, caches).',
    kinds: POD_KINDS,
    docs: 'docs/policies/read-only-root-filesystem.md',
  },
  defaults: {},
  check(ctx) {
    const linux = podWorkloads(ctx).filter((w) => !isWindows(w));
    return perContainer(
      linux,
      (w) => w.containers,
      (c) => {
        const ro = containerSecurity(c, 'readOnlyRootFilesystem');
        if (ro.value === true) return;
        return {
          pointer: ro.pointer,
          message:
            ro.value === false
              ? `${describeContainer(c)} sets readOnlyRootFilesystem: false`
              : `${describeContainer(c)} does not set readOnlyRootFilesystem: true`,
          hint: 'set securityContext.readOnlyRootFilesystem: true and mount an emptyDir where the process writes',
        };
      },
    );
  },
};

export default policy;
