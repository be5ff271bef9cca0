// The rules of a prometheus-operator PrometheusRule, with their pointers: what the PromQL check and the
// alert-rule policy both walk.

import { isObject, type KObject, type Resource } from './resource.js';

export interface PrometheusRuleEntry {
  rule: KObject;
  /** `/spec/groups/<g>/rules/<r>` */
  pointer: string;
  /** Position in its group, for rules without a name. */
  index: number;
}

/** Every rule of a monitoring.coreos.com PrometheusRule (none for any other resource), in order. */
export function prometheusRules(resource: Resource): PrometheusRuleEntry[] {
  if (resource.kind !== 'PrometheusRule' || resource.id.group !== 'monitoring.coreos.com') return [];
  const spec = resource.object['spec'];
  const groups = isObject(spec) ? spec['groups'] : undefined;
  if (!Array.isArray(groups)) return [];
  const out: PrometheusRuleEntry[] = [];
  groups.forEach((group, g) => {
    const rules = isObject(group) ? group['rules'] : undefined;
    if (!Array.isArray(rules)) return;
    rules.forEach((rule, index) => {
      if (isObject(rule)) out.push({ rule, pointer: `/spec/groups/${g}/rules/${index}`, index });
    });
  });
  return out;
}
