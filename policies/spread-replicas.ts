import { asSelector, selectorMatches } from '../scripts/core/pods.js';
import { isObject, type JsonValue } from '../scripts/core/resource.js';
import { replicaRange, replicatedWorkloads } from '../scripts/policy/scaling.js';
import type { Policy, PolicyFinding } from '../scripts/policy/types.js';
import { child, type PodWorkload } from '../scripts/policy/workloads.js';

const policy: Policy<Record<string, never>> = {
  meta: {
    id: 'spread-replicas',
    title: 'Multi-replica workloads spread their pods',
    defaultSeverity: 'error',
    rationale:
      'The scheduler may put every replica on one node or in one zone; losing that node or zone then takes the whole service down despite the replicas.',
    remediation:
      'Add spec.template.spec.topologySpreadConstraints (or a podAntiAffinity term) whose labelSelector matches the pod template labels.',
    kinds: ['Deployment', 'StatefulSet', 'HorizontalPodAutoscaler'],
    docs: 'docs/policies/spread-replicas.md',
  },
  defaults: {},
  optionsSchema: { type: 'object', additionalProperties: false },
  check(ctx) {
    const out: PolicyFinding[] = [];
    for (const w of replicatedWorkloads(ctx)) {
      const range = replicaRange(ctx, w.resource);
      if (range.max <= 1) continue;
      const terms = spreadTerms(w);
      if (terms.some((t) => selectorMatches(asSelector(t), w.template.labels))) continue;
      const base = w.template.specPointer;
      out.push({
        subject: w.resource,
        pointer:
          terms.length > 0 && !Array.isArray(w.template.spec['topologySpreadConstraints'])
            ? `${base}/affinity/podAntiAffinity`
            : `${base}/topologySpreadConstraints`,
        message:
          terms.length > 0
            ? `runs up to ${range.max} replicas, but no topology spread constraint or anti-affinity term selects its own pods (the labelSelector does not match the template labels)`
            : `runs up to ${range.max} replicas with neither topologySpreadConstraints nor podAntiAffinity; all of them may land on one node`,
        hint: 'add a topologySpreadConstraint over topology.kubernetes.io/zone or kubernetes.io/hostname whose labelSelector matches the pod labels',
      });
    }
    return out;
  },
};

/** Label selectors of every spread constraint and pod anti-affinity term. */
function spreadTerms(w: PodWorkload): JsonValue[] {
  const out: JsonValue[] = [];
  const tsc = w.template.spec.topologySpreadConstraints;
  if (Array.isArray(tsc))
    for (const c of tsc) if (isObject(c) && c['labelSelector'] !== undefined) out.push(c['labelSelector']);
  const anti = child(child(w.template.spec, 'affinity'), 'podAntiAffinity');
  const required = anti?.['requiredDuringSchedulingIgnoredDuringExecution'];
  if (Array.isArray(required))
    for (const t of required) if (isObject(t) && t['labelSelector'] !== undefined) out.push(t['labelSelector']);
  const preferred = anti?.['preferredDuringSchedulingIgnoredDuringExecution'];
  if (Array.isArray(preferred)) {
    for (const p of preferred) {
      const term = isObject(p) ? child(p, 'podAffinityTerm') : undefined;
      if (term && term['labelSelector'] !== undefined) out.push(term['labelSelector']);
    }
  }
  return out;
}

export default policy;
