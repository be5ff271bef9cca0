import { unreadContainers } from '../scripts/core/pods.js';
import { describe } from '../scripts/policy/scaling.js';
import type { Policy, PolicyFinding } from '../scripts/policy/types.js';

const policy: Policy = {
  meta: {
    id: 'pods-visible',
    title: 'Every resource that runs containers has pods the policies can read',
    defaultSeverity: 'warning',
    rationale:
      'The pod policies read pod templates where Kubernetes and the common operators keep them. A custom kind that runs containers somewhere else (an Argo Workflow’s templates, a Tekton Task’s steps) would pass every pod policy unread; saying so is better than a silent pass.',
    remediation:
      'Check such resources another way (the operator’s own admission policies), exempt them with a reason, or ask for the kind to be taught to kcfg (core/pods.ts).',
    kinds: ['*'],
    docs: 'docs/policies/pods-visible.md',
  },
  defaults: {},
  check(ctx) {
    const out: PolicyFinding[] = [];
    for (const r of ctx.resources) {
      const unread = unreadContainers(r);
      if (unread === undefined) continue;
      out.push({
        subject: r,
        pointer: unread.pointer,
        message:
          unread.reason === 'elsewhere'
            ? `${describe(r)} (${r.apiVersion}) declares containers at ${unread.pointer} that no pod policy reads`
            : `${describe(r)} (${r.apiVersion}) has no pod template at ${unread.pointer}, so no pod policy reads its pods`,
        hint: '`kcfg policies --kinds` lists the kinds whose pods are read',
      });
    }
    return out;
  },
};

export default policy;
