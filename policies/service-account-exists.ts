import type { Policy, PolicyFinding } from '../scripts/policy/types.js';
import { byNamespacedName, POD_KINDS, podWorkloads } from '../scripts/policy/workloads.js';
import { namespaceName } from '../scripts/policy/namespace-name.js';

export interface Options {
  /** Accept pods that run as the namespace's `default` ServiceAccount (explicitly or by leaving the field unset). */
  allowDefault: boolean;
  /** ServiceAccounts created outside the render: `<name>` (any namespace) or `<namespace>/<name>`. */
  external: string[];
}

const policy: Policy<Options> = {
  meta: {
    id: 'service-account-exists',
    title: 'Pods run as a ServiceAccount that exists',
    defaultSeverity: 'error',
    rationale:
      'The API server refuses to create pods whose ServiceAccount does not exist, so the workload never starts; and pods sharing the default ServiceAccount share every permission anyone grants it.',
    remediation:
      'Add a ServiceAccount for the workload in its namespace and set spec.template.spec.serviceAccountName to it.',
    kinds: [...POD_KINDS, 'ServiceAccount'],
    docs: 'docs/policies/service-account-exists.md',
  },
  defaults: { allowDefault: false, external: [] },
  optionsSchema: {
    type: 'object',
    properties: {
      allowDefault: { type: 'boolean' },
      external: { type: 'array', items: { type: 'string', minLength: 1 } },
    },
    additionalProperties: false,
  },
  check(ctx) {
    const out: PolicyFinding[] = [];
    const accounts = byNamespacedName(ctx, 'ServiceAccount');
    const external = new Set(ctx.options.external);
    for (const w of podWorkloads(ctx)) {
      const ns = w.resource.id.namespace ?? '';
      const spec = w.template.spec;
      const field =
        typeof spec['serviceAccountName'] === 'string'
          ? 'serviceAccountName'
          : typeof spec['serviceAccount'] === 'string'
            ? 'serviceAccount'
            : undefined;
      const name = field ? (spec[field] as string) : 'default';
      const pointer = `${w.template.specPointer}/${field ?? 'serviceAccountName'}`;
      if (name === 'default' || name === '') {
        if (ctx.options.allowDefault) continue;
        out.push({
          subject: w.resource,
          pointer,
          message: field
            ? "runs as the namespace's default ServiceAccount"
            : "sets no serviceAccountName, so it runs as the namespace's default ServiceAccount",
          hint: 'create a ServiceAccount for this workload and set serviceAccountName',
        });
        continue;
      }
      const sa = accounts.get(`${ns}/${name}`);
      if ((sa && sa.id.group === '') || external.has(name) || external.has(`${ns}/${name}`)) continue;
      out.push({
        subject: w.resource,
        pointer,
        message: `ServiceAccount "${name}" does not exist in ${namespaceName(ns)}; the API server will refuse the pods`,
        hint: `add a ServiceAccount named ${name} to the namespace, or list "${ns}/${name}" under external`,
      });
    }
    return out;
  },
};

export default policy;
