import { prometheusRules } from '../scripts/core/prometheus-rules.js';
import { isObject } from '../scripts/core/resource.js';
import { describe } from '../scripts/policy/scaling.js';
import type { Policy, PolicyFinding } from '../scripts/policy/types.js';

export interface Options {
  /** Labels every alerting rule must set (routing in Alertmanager keys on them). */
  labels: string[];
  /** Annotations every alerting rule must set (what the person paged reads). */
  annotations: string[];
  /** Allowed values of the `severity` label; empty allows any. */
  severities: string[];
}

const policy: Policy<Options> = {
  meta: {
    id: 'alert-rule-metadata',
    title: 'Alerting rules carry the labels and annotations on-call needs',
    defaultSeverity: 'error',
    rationale:
      'Alertmanager routes on labels: an alert without severity goes to the default receiver, or nowhere. The person paged at night needs a summary and a runbook link in the alert itself.',
    remediation:
      'Add the missing label or annotation to the rule (labels.severity, annotations.summary, annotations.runbook_url).',
    kinds: ['monitoring.coreos.com/PrometheusRule'],
    docs: 'docs/policies/alert-rule-metadata.md',
  },
  defaults: {
    labels: ['severity'],
    annotations: ['summary', 'runbook_url'],
    severities: ['critical', 'warning', 'info'],
  },
  optionsSchema: {
    type: 'object',
    properties: {
      labels: { type: 'array', items: { type: 'string', minLength: 1 }, uniqueItems: true },
      annotations: { type: 'array', items: { type: 'string', minLength: 1 }, uniqueItems: true },
      severities: { type: 'array', items: { type: 'string', minLength: 1 }, uniqueItems: true },
    },
    additionalProperties: false,
  },
  check(ctx) {
    const out: PolicyFinding[] = [];
    for (const pr of ctx.byKind('PrometheusRule')) {
      for (const { rule, pointer: at } of prometheusRules(pr)) {
        if (typeof rule['alert'] !== 'string') continue; // recording rules page nobody
        const name = rule['alert'];
        for (const [field, wanted] of [
          ['labels', ctx.options.labels],
          ['annotations', ctx.options.annotations],
        ] as const) {
          const present = isObject(rule[field]) ? rule[field] : {};
          for (const key of wanted) {
            if (typeof present[key] === 'string' && present[key] !== '') continue;
            out.push({
              subject: pr,
              pointer: isObject(rule[field]) ? `${at}/${field}` : at,
              message: `alert ${name} in ${describe(pr)} has no ${field === 'labels' ? 'label' : 'annotation'} ${key}`,
              hint: `add ${field}.${key} to the rule`,
            });
          }
        }
        const severity = isObject(rule['labels']) ? rule['labels']['severity'] : undefined;
        const allowed = ctx.options.severities;
        if (typeof severity === 'string' && severity !== '' && allowed.length > 0 && !allowed.includes(severity))
          out.push({
            subject: pr,
            pointer: `${at}/labels/severity`,
            message: `alert ${name} has severity "${severity}"; Alertmanager here routes ${allowed.join(', ')}`,
            hint: `use one of ${allowed.join(', ')}`,
          });
      }
    }
    return out;
  },
};

export default policy;
