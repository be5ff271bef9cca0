import type { Service } from 'kubernetes-types/core/v1.js';
import { manifest, sub } from '../scripts/core/manifest.js';
import { strings } from '../scripts/core/pods.js';
import { templateIndex } from '../scripts/policy/scaling.js';
import type { Policy, PolicyFinding } from '../scripts/policy/types.js';

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
      if (templates.selectMap(svc.id.namespace ?? '', selector).length > 0) continue;
      const text = Object.entries(selector)
        .map(([k, v]) => `${k}=${v}`)
        .join(',');
      out.push({
        subject: svc,
        pointer: '/spec/selector',
        message: `selector ${text} matches no pod template in namespace "${svc.id.namespace ?? ''}"; the Service has no endpoints`,
        hint: 'use labels the pod template carries (spec.template.metadata.labels of the workload)',
      });
    }
    return out;
  },
};

export default policy;
