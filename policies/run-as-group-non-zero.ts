import { sub } from '../scripts/core/manifest.js';
import type { Policy, PolicyFinding } from '../scripts/policy/types.js';
import {
  describeContainer,
  effectiveSecurity,
  isWindows,
  POD_KINDS,
  podWorkloads,
} from '../scripts/policy/workloads.js';

export interface Options {
  /** Accept containers that leave runAsGroup unset (the image decides, usually GID 0). */
  allowUnset: boolean;
}

const policy: Policy<Options> = {
  meta: {
    id: 'run-as-group-non-zero',
    title: 'Containers do not run with the root group',
    defaultSeverity: 'error',
    rationale:
      'Files owned by group 0 are writable by GID 0 on many images and on the node; a process in the root group can read and change them.',
    remediation:
      'Set securityContext.runAsGroup to a non-zero GID on the pod or the container, and keep 0 out of fsGroup and supplementalGroups.',
    kinds: POD_KINDS,
    docs: 'docs/policies/run-as-group-non-zero.md',
  },
  defaults: { allowUnset: false },
  optionsSchema: {
    type: 'object',
    properties: { allowUnset: { type: 'boolean' } },
    additionalProperties: false,
  },
  check(ctx) {
    const out: PolicyFinding[] = [];
    for (const w of podWorkloads(ctx)) {
      if (isWindows(w)) continue;
      const podSc = sub(w.template.spec, 'securityContext');
      if (podSc?.['fsGroup'] === 0) {
        out.push({
          subject: w.resource,
          pointer: `${w.template.specPointer}/securityContext/fsGroup`,
          message: 'pod sets fsGroup: 0 (the root group)',
        });
      }
      const supplemental = podSc?.['supplementalGroups'];
      if (Array.isArray(supplemental)) {
        supplemental.forEach((g, i) => {
          if (g === 0)
            out.push({
              subject: w.resource,
              pointer: `${w.template.specPointer}/securityContext/supplementalGroups/${i}`,
              message: 'pod adds the root group (0) to supplementalGroups',
            });
        });
      }
      for (const c of w.containers) {
        const group = effectiveSecurity(w, c, 'runAsGroup');
        if (group.value === 0) {
          out.push({
            subject: w.resource,
            pointer: group.pointer,
            container: c.name,
            message: `${describeContainer(c)} runs with GID 0${group.fromPod ? ' (from the pod securityContext)' : ''}`,
            hint: 'set runAsGroup to a non-zero GID',
          });
        } else if (group.value === undefined && !ctx.options.allowUnset) {
          out.push({
            subject: w.resource,
            pointer: group.pointer,
            container: c.name,
            message: `${describeContainer(c)} does not set runAsGroup, so the image decides (usually GID 0)`,
            hint: 'set securityContext.runAsGroup to a non-zero GID on the pod or the container',
          });
        }
      }
    }
    return out;
  },
};

export default policy;
