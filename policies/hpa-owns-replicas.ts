import type { Deployment, StatefulSet } from 'kubernetes-types/apps/v1.js';
import { manifest, sub } from '../scripts/core/manifest.js';
import { describe, hpaFor, REPLICATED_KINDS, replicatedWorkloads } from '../scripts/policy/scaling.js';
import type { Policy, PolicyFinding } from '../scripts/policy/types.js';

const policy: Policy<Record<string, never>> = {
  meta: {
    id: 'hpa-owns-replicas',
    title: 'Autoscaled workloads leave spec.replicas unset',
    defaultSeverity: 'warning',
    rationale:
      'When a HorizontalPodAutoscaler owns the replica count, every apply of a manifest that also sets spec.replicas resets the count the autoscaler chose, scaling the workload down in the middle of a peak.',
    remediation:
      'Remove spec.replicas (and any kustomization replicas entry) from workloads an autoscaler targets; set the floor with the HPA minReplicas instead.',
    kinds: [...REPLICATED_KINDS, 'HorizontalPodAutoscaler'],
    docs: 'docs/policies/hpa-owns-replicas.md',
  },
  defaults: {},
  optionsSchema: { type: 'object', additionalProperties: false },
  check(ctx) {
    const out: PolicyFinding[] = [];
    for (const w of replicatedWorkloads(ctx)) {
      const replicas = sub(manifest<Deployment | StatefulSet>(w.resource), 'spec')?.replicas;
      if (replicas === undefined || replicas === null) continue;
      const hpa = hpaFor(ctx, w.resource);
      if (!hpa) continue;
      out.push({
        subject: w.resource,
        pointer: '/spec/replicas',
        message: `sets replicas: ${String(replicas)} although ${describe(hpa)} scales it; each apply resets the autoscaler's count`,
        hint: 'remove spec.replicas and set the floor with the HPA minReplicas',
      });
    }
    return out;
  },
};

export default policy;
