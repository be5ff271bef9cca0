import type { Deployment } from 'kubernetes-types/apps/v1.js';
import { manifest, sub } from '../scripts/core/manifest.js';
import { strings } from '../scripts/core/pods.js';
import type { Policy, PolicyFinding } from '../scripts/policy/types.js';
import { podWorkloads } from '../scripts/policy/workloads.js';

export interface Options {
  /** Labels every workload and its pod template carry. */
  labels: string[];
  /** Workload kinds checked. */
  kinds: string[];
}

const RECOMMENDED = [
  'app.kubernetes.io/name',
  'app.kubernetes.io/instance',
  'app.kubernetes.io/version',
  'app.kubernetes.io/component',
  'app.kubernetes.io/part-of',
  'app.kubernetes.io/managed-by',
];

const policy: Policy<Options> = {
  meta: {
    id: 'recommended-labels',
    title: 'Workloads carry the recommended app.kubernetes.io labels',
    defaultSeverity: 'warning',
    rationale:
      'Dashboards, cost reports, kubectl selectors and incident tooling group resources by the recommended labels; a workload without them is invisible to all of them.',
    remediation:
      'Add the missing app.kubernetes.io labels with a labels: entry in the kustomization (includeSelectors: false, includeTemplates: true) so workloads and pod templates get them without changing selectors.',
    kinds: ['Deployment', 'StatefulSet', 'DaemonSet', 'Job', 'CronJob'],
    docs: 'docs/policies/recommended-labels.md',
  },
  defaults: { labels: RECOMMENDED, kinds: ['Deployment', 'StatefulSet', 'DaemonSet', 'Job', 'CronJob'] },
  optionsSchema: {
    type: 'object',
    properties: {
      labels: { type: 'array', items: { type: 'string', minLength: 1 }, uniqueItems: true },
      kinds: { type: 'array', items: { type: 'string', minLength: 1 }, uniqueItems: true },
    },
    additionalProperties: false,
  },
  check(ctx) {
    const out: PolicyFinding[] = [];
    const kinds = new Set(ctx.options.kinds);
    const wanted = ctx.options.labels;
    for (const w of podWorkloads(ctx)) {
      if (!kinds.has(w.resource.kind)) continue;
      const places = [
        {
          pointer: '/metadata',
          labels: strings(sub(manifest<Deployment>(w.resource), 'metadata')?.labels),
          what: 'metadata',
        },
        { pointer: w.template.metadataPointer, labels: w.template.labels, what: 'pod template' },
      ];
      for (const place of places) {
        const missing = wanted.filter((l) => !(l in place.labels));
        if (missing.length === 0) continue;
        out.push({
          subject: w.resource,
          pointer: `${place.pointer}/labels`,
          message: `${place.what} lacks recommended label${missing.length === 1 ? '' : 's'} ${missing.join(', ')}`,
          hint: 'add them with a kustomization labels: entry (includeTemplates: true, includeSelectors: false)',
        });
      }
    }
    return out;
  },
};

export default policy;
