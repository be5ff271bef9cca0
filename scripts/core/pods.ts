// Pod templates, containers and label selectors: the shapes most checks walk.

import type { Container, EphemeralContainer, PodSpec } from 'kubernetes-types/core/v1.js';
import type { LabelSelector as K8sLabelSelector } from 'kubernetes-types/meta/v1.js';
import type { Manifest } from './manifest.js';
import { isObject, type JsonValue, type Resource } from './resource.js';

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

const TEMPLATE_PATH: Record<string, string[]> = {
  Deployment: ['spec', 'template'],
  ReplicaSet: ['spec', 'template'],
  StatefulSet: ['spec', 'template'],
  DaemonSet: ['spec', 'template'],
  Job: ['spec', 'template'],
  ReplicationController: ['spec', 'template'],
  CronJob: ['spec', 'jobTemplate', 'spec', 'template'],
  PodTemplate: ['template'],
};

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
  const path = TEMPLATE_PATH[resource.kind];
  if (!path || !isBuiltinWorkloadGroup(resource)) return undefined;
  let cur: JsonValue | undefined = obj;
  for (const seg of path) cur = isObject(cur) ? cur[seg] : undefined;
  if (!isObject(cur)) return undefined;
  const spec = cur['spec'];
  if (!isObject(spec)) return undefined;
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

function isBuiltinWorkloadGroup(resource: Resource): boolean {
  const g = resource.id.group;
  return g === 'apps' || g === 'batch' || g === '' || g === 'extensions';
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
