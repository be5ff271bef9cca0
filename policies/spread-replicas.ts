import { asSelector, isEmptySelector, selectorMatches, strings } from '../scripts/core/pods.js';
import { isObject, type JsonValue, type KObject, type Resource } from '../scripts/core/resource.js';
import { replicaRange, REPLICATED_KINDS, replicatedWorkloads } from '../scripts/policy/scaling.js';
import type { Policy, PolicyFinding } from '../scripts/policy/types.js';
import { byNamespacedName, child, type PodWorkload } from '../scripts/policy/workloads.js';

const policy: Policy<Record<string, never>> = {
  meta: {
    id: 'spread-replicas',
    title: 'Multi-replica workloads spread their pods',
    defaultSeverity: 'error',
    rationale:
      'The scheduler may put every replica on one node or in one zone; losing that node or zone then takes the whole service down despite the replicas.',
    remediation:
      'Add spec.template.spec.topologySpreadConstraints (or a podAntiAffinity term) whose labelSelector matches the pod template labels.',
    kinds: [...REPLICATED_KINDS, 'HorizontalPodAutoscaler'],
    docs: 'docs/policies/spread-replicas.md',
  },
  defaults: {},
  optionsSchema: { type: 'object', additionalProperties: false },
  check(ctx) {
    const out: PolicyFinding[] = [];
    for (const w of replicatedWorkloads(ctx)) {
      const range = replicaRange(ctx, w.resource);
      if (range.max <= 1) continue;
      const ns = w.resource.id.namespace ?? '';
      const nsObject = byNamespacedName(ctx, 'Namespace').get(`/${ns}`);
      // The API server labels every Namespace with its name; a namespaceSelector may use that.
      const nsLabels = { ...labelsOf(nsObject), 'kubernetes.io/metadata.name': ns };
      const { selectors: terms, elsewhere } = spreadTerms(w, ns, nsLabels);
      if (terms.some((t) => selectorMatches(asSelector(t), w.template.labels))) continue;
      const base = w.template.specPointer;
      const some = terms.length > 0 || elsewhere > 0;
      out.push({
        subject: w.resource,
        pointer:
          some && !Array.isArray(w.template.spec['topologySpreadConstraints'])
            ? `${base}/affinity/podAntiAffinity`
            : `${base}/topologySpreadConstraints`,
        message:
          terms.length > 0
            ? `runs up to ${range.max} replicas, but no topology spread constraint or anti-affinity term selects its own pods (the labelSelector does not match the template labels)`
            : elsewhere > 0
              ? `runs up to ${range.max} replicas, but its pod anti-affinity terms look at pods of other namespaces (namespaces or namespaceSelector leave out "${ns}")`
              : `runs up to ${range.max} replicas with neither topologySpreadConstraints nor podAntiAffinity; all of them may land on one node`,
        hint: 'add a topologySpreadConstraint over topology.kubernetes.io/zone or kubernetes.io/hostname whose labelSelector matches the pod labels',
      });
    }
    return out;
  },
};

/**
 * Label selectors of every spread constraint and of the pod anti-affinity terms that apply to the workload's
 * own namespace: a term's `namespaces` and `namespaceSelector` may point it at other namespaces' pods.
 */
function spreadTerms(
  w: PodWorkload,
  ns: string,
  nsLabels: Record<string, string>,
): { selectors: JsonValue[]; elsewhere: number } {
  const out: JsonValue[] = [];
  let elsewhere = 0;
  const own = (term: KObject): boolean => {
    if (coversOwnNamespace(term, ns, nsLabels)) return true;
    elsewhere++;
    return false;
  };
  const tsc = w.template.spec.topologySpreadConstraints;
  if (Array.isArray(tsc))
    for (const c of tsc) if (isObject(c) && c['labelSelector'] !== undefined) out.push(c['labelSelector']);
  const anti = child(child(w.template.spec, 'affinity'), 'podAntiAffinity');
  const required = anti?.['requiredDuringSchedulingIgnoredDuringExecution'];
  if (Array.isArray(required))
    for (const t of required)
      if (isObject(t) && t['labelSelector'] !== undefined && own(t)) out.push(t['labelSelector']);
  const preferred = anti?.['preferredDuringSchedulingIgnoredDuringExecution'];
  if (Array.isArray(preferred)) {
    for (const p of preferred) {
      const term = isObject(p) ? child(p, 'podAffinityTerm') : undefined;
      if (term && term['labelSelector'] !== undefined && own(term)) out.push(term['labelSelector']);
    }
  }
  return { selectors: out, elsewhere };
}

/** PodAffinityTerm: no namespaces and no namespaceSelector mean the pod's own; `{}` selects every namespace. */
function coversOwnNamespace(term: KObject, ns: string, nsLabels: Record<string, string>): boolean {
  const listed = Array.isArray(term['namespaces']) ? term['namespaces'] : [];
  const selector = term['namespaceSelector'];
  if (listed.length === 0 && (selector === undefined || selector === null)) return true;
  if (listed.includes(ns)) return true;
  const parsed = asSelector(selector);
  return !!parsed && (isEmptySelector(parsed) || selectorMatches(parsed, nsLabels));
}

function labelsOf(r: Resource | undefined): Record<string, string> {
  return r ? strings(child(r.object, 'metadata')?.['labels']) : {};
}

export default policy;
