import { describe } from '../scripts/policy/scaling.js';
import { entryPointer, listOf, roles, rulesOf } from '../scripts/policy/rbac.js';
import type { Policy, PolicyFinding } from '../scripts/policy/types.js';

/** Verbs that sidestep RBAC's own guard against granting more than one holds. */
const ESCALATING = {
  escalate: 'create or change roles with permissions the subject does not hold',
  bind: 'bind roles the subject does not hold',
  impersonate: 'act as another user, group or service account',
} as const;

const policy: Policy = {
  meta: {
    id: 'rbac-escalation-verbs',
    title: 'Roles do not grant escalate, bind or impersonate',
    defaultSeverity: 'error',
    rationale:
      'RBAC stops a subject from granting permissions it does not hold, except through escalate and bind; impersonate lets it act as anyone. Each turns a narrow role into cluster-admin in a step or two.',
    remediation: 'Remove the verb; controllers that manage RBAC belong to the platform, not to application roles.',
    kinds: ['Role', 'ClusterRole'],
    docs: 'docs/policies/rbac-escalation-verbs.md',
  },
  defaults: {},
  check(ctx) {
    const out: PolicyFinding[] = [];
    for (const role of roles(ctx)) {
      for (const ref of rulesOf(role)) {
        for (const verb of listOf(ref.rule, 'verbs')) {
          if (!Object.hasOwn(ESCALATING, verb)) continue;
          out.push({
            subject: role,
            pointer: entryPointer(ref, 'verbs', verb),
            message: `${describe(role)} grants ${verb}: its subjects can ${ESCALATING[verb as keyof typeof ESCALATING]}`,
            hint: `remove ${verb} from the rule`,
          });
        }
      }
    }
    return out;
  },
};

export default policy;
