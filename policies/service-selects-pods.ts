import type { Service } from 'kubernetes-types/core/v1.js';
import { manifest, sub } from '../scripts/core/manifest.js';
import { strings } from '../scripts/core/pods.js';
import { escapePointer } from '../scripts/core/resource.js';
import { templateIndex } from '../scripts/policy/scaling.js';
import { closest } from '../scripts/core/suggest.js';
import type { Policy, PolicyContext, PolicyFinding } from '../scripts/policy/types.js';
import { podWorkloads } from '../scripts/policy/workloads.js';
import { namespaceName } from '../scripts/policy/namespace-name.js';

const policy: Policy<Record<string, never>> = {
  meta: {
    id: 'service-selects-pods',
    title: 'Services select some pod template',
    defaultSeverity: 'error',
    rationale:
      'A Service whose selector matches no pod has no endpoints: clients get connection refused, and nothing in the render says why. It is almost always a label typo or a renamed workload.',
    remediation:
      'Make spec.selector a subset of the pod template labels of the workload it fronts, in the same namespace.',
    kinds: ['Service'],
    docs: 'docs/policies/service-selects-pods.md',
  },
  defaults: {},
  optionsSchema: { type: 'object', additionalProperties: false },
  check(ctx) {
    const out: PolicyFinding[] = [];
    const templates = templateIndex(ctx);
    for (const svc of ctx.byKind('Service')) {
      if (svc.id.group !== '') continue;
      const spec = sub(manifest<Service>(svc), 'spec');
      if (spec?.type === 'ExternalName') continue;
      // No selector means endpoints are managed by hand (or by another controller).
      const selector = strings(spec?.selector);
      if (Object.keys(selector).length === 0) continue;
      const ns = svc.id.namespace ?? '';
      if (templates.selectMap(ns, selector).length > 0) continue;
      const text = Object.entries(selector)
        .map(([k, v]) => `${k}=${v}`)
        .join(',');
      const culprit = culpritLabel(templates, ns, selector);
      const near = culprit && closestValue(ctx, ns, culprit[0], culprit[1]);
      out.push({
        subject: svc,
        pointer: culprit ? `/spec/selector/${escapePointer(culprit[0])}` : '/spec/selector',
        message: `selector ${text} matches no pod template in ${namespaceName(ns)}; the Service has no endpoints`,
        hint: near
          ? `did you mean ${culprit[0]}: ${near}? (the value the pod templates carry)`
          : 'use labels the pod template carries (spec.template.metadata.labels of the workload)',
      });
    }
    return out;
  },
};

/**
 * The selector entry to edit: one that no pod template of the namespace carries, else one without which the
 * rest would match; undefined when no single entry is to blame.
 */
function culpritLabel(
  templates: ReturnType<typeof templateIndex>,
  ns: string,
  selector: Record<string, string>,
): [string, string] | undefined {
  const entries = Object.entries(selector);
  const alone = entries.find(([k, v]) => templates.selectMap(ns, { [k]: v }).length === 0);
  if (alone) return alone;
  return entries.find(([k]) => {
    const rest = Object.fromEntries(entries.filter(([other]) => other !== k));
    return Object.keys(rest).length > 0 && templates.selectMap(ns, rest).length > 0;
  });
}

/** The value of `key` on the namespace's pod templates closest to `value` (a typo), if any is close. */
function closestValue(
  ctx: PolicyContext<Record<string, never>>,
  ns: string,
  key: string,
  value: string,
): string | undefined {
  const values = new Set<string>();
  for (const w of podWorkloads(ctx))
    if ((w.resource.id.namespace ?? '') === ns && w.template.labels[key] !== undefined)
      values.add(w.template.labels[key]);
  values.delete(value);
  return closest(value, values);
}

export default policy;
