import type { Namespace } from 'kubernetes-types/core/v1.js';
import { manifest, sub } from '../scripts/core/manifest.js';
import { escapePointer } from '../scripts/core/resource.js';
import { strings } from '../scripts/core/pods.js';
import type { Policy, PolicyFinding } from '../scripts/policy/types.js';

export type Level = 'restricted' | 'baseline';

export interface Options {
  /** The weakest level accepted; `restricted` unless a namespace needs `baseline`. */
  level: Level;
  /** Pod Security Admission modes that must carry the label. */
  modes: ('enforce' | 'audit' | 'warn')[];
}

const RANK: Record<string, number> = { privileged: 0, baseline: 1, restricted: 2 };

const policy: Policy<Options> = {
  meta: {
    id: 'namespace-pod-security',
    title: 'Namespaces carry Pod Security Admission labels',
    defaultSeverity: 'error',
    rationale:
      'Pod Security Admission only enforces what the namespace labels ask for; an unlabelled namespace accepts privileged pods, so the pod-security policies here are the only line of defence.',
    remediation:
      'Label the Namespace pod-security.kubernetes.io/enforce, audit and warn with restricted (or the level the configuration allows).',
    kinds: ['Namespace'],
    docs: 'docs/policies/namespace-pod-security.md',
  },
  defaults: { level: 'restricted', modes: ['enforce', 'audit', 'warn'] },
  optionsSchema: {
    type: 'object',
    properties: {
      level: { enum: ['restricted', 'baseline'] },
      modes: { type: 'array', items: { enum: ['enforce', 'audit', 'warn'] }, uniqueItems: true },
    },
    additionalProperties: false,
  },
  check(ctx) {
    const out: PolicyFinding[] = [];
    const floor = RANK[ctx.options.level];
    for (const ns of ctx.byKind('Namespace')) {
      if (ns.id.group !== '') continue;
      const labels = strings(sub(manifest<Namespace>(ns), 'metadata')?.labels);
      for (const mode of ctx.options.modes) {
        const label = `pod-security.kubernetes.io/${mode}`;
        const value = labels[label];
        if (value !== undefined && (RANK[value] ?? -1) >= floor) continue;
        out.push({
          subject: ns,
          pointer: value === undefined ? '/metadata/labels' : `/metadata/labels/${escapePointer(label)}`,
          message:
            value === undefined
              ? `has no ${label} label`
              : `${label} is "${value}"; at least "${ctx.options.level}" is required`,
          hint: `label the Namespace ${label}: restricted`,
        });
      }
    }
    return out;
  },
};

export default policy;
