// Pod templates, containers and label selectors: the shapes most checks walk.

import type { Container, EphemeralContainer, PodSpec } from 'kubernetes-types/core/v1.js';
import type { LabelSelector as K8sLabelSelector } from 'kubernetes-types/meta/v1.js';
import type { Manifest } from './manifest.js';
import { escapePointer, isObject, type JsonValue, type KObject, type Resource } from './resource.js';

export interface PodTemplate {
  /** Pointer to the pod spec inside the resource (e.g. `/spec/template/spec`). */
  specPointer: string;
  spec: Manifest<PodSpec>;
  /** Pointer to the template metadata (e.g. `/spec/template/metadata`); the Pod's own metadata for a Pod. */
  metadataPointer: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
}

export type ContainerType = 'initContainers' | 'containers' | 'ephemeralContainers';

export interface ContainerRef {
  type: ContainerType;
  name: string;
  container: Manifest<Container | EphemeralContainer>;
  pointer: string;
}

/** A kind whose objects carry a pod template, and where. */
export interface PodKind {
  group: string;
  kind: string;
  /** Path to the template (`{ metadata, spec }`), e.g. `spec.template`. */
  path: readonly string[];
}

const TEMPLATE = ['spec', 'template'] as const;
const JOB_TEMPLATE = ['spec', 'jobTemplate', 'spec', 'template'] as const;

/**
 * Built-in workloads, then custom kinds known to carry pods. A custom kind not listed is still read when its
 * template sits at one of `GENERIC_PATHS` with a `containers` list: most operators' workload kinds do.
 */
export const POD_TEMPLATE_KINDS: readonly PodKind[] = [
  ...['Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet'].map((kind) => ({ group: 'apps', kind, path: TEMPLATE })),
  ...['Deployment', 'ReplicaSet', 'DaemonSet'].map((kind) => ({ group: 'extensions', kind, path: TEMPLATE })),
  { group: 'batch', kind: 'Job', path: TEMPLATE },
  { group: 'batch', kind: 'CronJob', path: JOB_TEMPLATE },
  { group: '', kind: 'ReplicationController', path: TEMPLATE },
  { group: '', kind: 'PodTemplate', path: ['template'] },
  { group: 'argoproj.io', kind: 'Rollout', path: TEMPLATE },
  { group: 'apps.openshift.io', kind: 'DeploymentConfig', path: TEMPLATE },
  { group: 'keda.sh', kind: 'ScaledJob', path: JOB_TEMPLATE },
  { group: 'serving.knative.dev', kind: 'Service', path: TEMPLATE },
  { group: 'serving.knative.dev', kind: 'Configuration', path: TEMPLATE },
];

/** Where an unlisted custom kind's pod template is looked for. */
export const GENERIC_PATHS: readonly (readonly string[])[] = [TEMPLATE, JOB_TEMPLATE];

const BY_KIND = new Map(POD_TEMPLATE_KINDS.map((k) => [`${k.group}/${k.kind}`, k.path]));

/** API groups served by Kubernetes itself: their kinds are known, so no generic search applies. */
export function isBuiltinGroup(group: string): boolean {
  return group === '' || !group.includes('.') || group.endsWith('.k8s.io');
}

/** The pod template of a workload (or the Pod itself), or undefined for kinds without one. */
export function podTemplate(resource: Resource): PodTemplate | undefined {
  const obj = resource.object;
  if (resource.kind === 'Pod' && resource.id.group === '') {
    const spec = obj['spec'];
    if (!isObject(spec)) return undefined;
    const meta = isObject(obj['metadata']) ? obj['metadata'] : {};
    return {
      specPointer: '/spec',
      spec,
      metadataPointer: '/metadata',
      labels: strings(meta['labels']),
      annotations: strings(meta['annotations']),
    };
  }
  const known = BY_KIND.get(`${resource.id.group}/${resource.kind}`);
  if (known) return templateAt(obj, known, false);
  if (isBuiltinGroup(resource.id.group)) return undefined;
  for (const path of GENERIC_PATHS) {
    const found = templateAt(obj, path, true);
    if (found) return found;
  }
  return undefined;
}

function templateAt(obj: KObject, path: readonly string[], needContainers: boolean): PodTemplate | undefined {
  let cur: JsonValue | undefined = obj;
  for (const seg of path) cur = isObject(cur) ? cur[seg] : undefined;
  if (!isObject(cur)) return undefined;
  const spec = cur['spec'];
  if (!isObject(spec) || (needContainers && !Array.isArray(spec['containers']))) return undefined;
  const meta = isObject(cur['metadata']) ? cur['metadata'] : {};
  const base = '/' + path.join('/');
  return {
    specPointer: `${base}/spec`,
    spec,
    metadataPointer: `${base}/metadata`,
    labels: strings(meta['labels']),
    annotations: strings(meta['annotations']),
  };
}

/** Containers the pod policies cannot read: where they sit, or where a known kind's template is missing. */
export interface UnreadPods {
  pointer: string;
  /** `elsewhere`: containers outside any pod template; `missing`: a pod-carrying kind without its template. */
  reason: 'elsewhere' | 'missing';
}

/**
 * Containers of a resource that no pod template holds (an Argo Workflow's `templates[].container`, a Tekton
 * Task's `steps`), or a kind known to carry pods that lacks its template; undefined when every container is
 * readable or there is none. Policies cannot see such containers, so they must not pass in silence.
 */
export function unreadContainers(resource: Resource): UnreadPods | undefined {
  // Cheapest answers first: this runs over every resource of an environment.
  if (resource.kind === 'Pod' && resource.id.group === '') return undefined;
  const known = BY_KIND.get(`${resource.id.group}/${resource.kind}`);
  if (known) {
    if (templateAt(resource.object, known, false)) return undefined;
    // An Argo Rollout may run the pods of a Deployment it refers to; that Deployment is read itself.
    const spec = resource.object['spec'];
    if (isObject(spec) && isObject(spec['workloadRef'])) return undefined;
    return { pointer: '/' + known.join('/'), reason: 'missing' };
  }
  if (isBuiltinGroup(resource.id.group) || podTemplate(resource)) return undefined;
  const pointer = findContainers(resource.object, '', 0);
  return pointer === undefined ? undefined : { pointer, reason: 'elsewhere' };
}

const CONTAINER_KEYS = new Set(['containers', 'initContainers', 'steps', 'sidecars']);

function findContainers(v: JsonValue, pointer: string, depth: number): string | undefined {
  if (depth > 12) return undefined;
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) {
      const found = findContainers(v[i], `${pointer}/${i}`, depth + 1);
      if (found) return found;
    }
    return undefined;
  }
  if (!isObject(v)) return undefined;
  for (const [k, child] of Object.entries(v)) {
    const at = `${pointer}/${escapePointer(k)}`;
    if (CONTAINER_KEYS.has(k) && Array.isArray(child) && child.some(isImageHolder)) return at;
    if (k === 'container' && isImageHolder(child)) return at;
    const found = findContainers(child, at, depth + 1);
    if (found) return found;
  }
  return undefined;
}

function isImageHolder(v: JsonValue): boolean {
  return isObject(v) && typeof v['image'] === 'string';
}

/** Every container of a pod spec, init and ephemeral included, with its pointer. */
export function containersOf(template: PodTemplate): ContainerRef[] {
  const out: ContainerRef[] = [];
  for (const type of ['initContainers', 'containers', 'ephemeralContainers'] as const) {
    const list = template.spec[type];
    if (!Array.isArray(list)) continue;
    list.forEach((c, i) => {
      if (isObject(c))
        out.push({
          type,
          name: typeof c['name'] === 'string' ? c['name'] : `#${i}`,
          container: c,
          pointer: `${template.specPointer}/${type}/${i}`,
        });
    });
  }
  return out;
}

export type LabelSelector = K8sLabelSelector;

/** Kubernetes label-selector semantics: every matchLabels entry and every expression must hold. */
export function selectorMatches(selector: LabelSelector | undefined, labels: Record<string, string>): boolean {
  if (!selector) return false;
  for (const [k, v] of Object.entries(selector.matchLabels ?? {})) if (labels[k] !== v) return false;
  for (const e of selector.matchExpressions ?? []) {
    const has = Object.prototype.hasOwnProperty.call(labels, e.key);
    const values = e.values ?? [];
    switch (e.operator) {
      case 'In':
        if (!has || !values.includes(labels[e.key])) return false;
        break;
      case 'NotIn':
        if (has && values.includes(labels[e.key])) return false;
        break;
      case 'Exists':
        if (!has) return false;
        break;
      case 'DoesNotExist':
        if (has) return false;
        break;
      default:
        return false;
    }
  }
  return true;
}

/** An empty selector (no matchLabels, no expressions) selects everything in label-selector semantics. */
export function isEmptySelector(selector: LabelSelector | undefined): boolean {
  return (
    !!selector && Object.keys(selector.matchLabels ?? {}).length === 0 && (selector.matchExpressions ?? []).length === 0
  );
}

export function strings(v: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (isObject(v)) for (const [k, val] of Object.entries(v)) if (typeof val === 'string') out[k] = val;
  return out;
}

export function asSelector(v: unknown): LabelSelector | undefined {
  if (!isObject(v)) return undefined;
  const sel: LabelSelector = {};
  if (isObject(v['matchLabels'])) sel.matchLabels = strings(v['matchLabels']);
  if (Array.isArray(v['matchExpressions'])) {
    sel.matchExpressions = v['matchExpressions'].filter(isObject).map((e) => ({
      key: String(e['key']),
      operator: String(e['operator']),
      values: Array.isArray(e['values']) ? e['values'].map(String) : [],
    }));
  }
  return sel;
}
