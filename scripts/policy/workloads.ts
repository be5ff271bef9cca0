// Pod-bearing resources of one environment, computed once per run and shared by every policy.

import {
  containersOf,
  isBuiltinGroup,
  podTemplate,
  POD_TEMPLATE_KINDS,
  type ContainerRef,
  type PodTemplate,
} from '../core/pods.js';
import type { PodSecurityContext, SecurityContext } from 'kubernetes-types/core/v1.js';
import { field, sub } from '../core/manifest.js';
import { isObject, type JsonValue, type KObject, type Resource } from '../core/resource.js';
import { indexKey } from './run-index.js';
import type { PolicyContext, PolicyFinding } from './types.js';

export interface PodWorkload {
  resource: Resource;
  template: PodTemplate;
  containers: readonly ContainerRef[];
}

const WORKLOADS = indexKey<PodWorkload[]>('pod workloads');

/** Every resource with a pod template (workloads and bare Pods), in input order. */
export function podWorkloads(ctx: Pick<PolicyContext<unknown>, 'resources' | 'index'>): readonly PodWorkload[] {
  return ctx.index.get(WORKLOADS, () => {
    const list: PodWorkload[] = [];
    for (const resource of ctx.resources) {
      const template = podTemplate(resource);
      if (template) list.push({ resource, template, containers: containersOf(template) });
    }
    return list;
  });
}

/** Runs to completion rather than serving: Jobs, CronJobs and Pods whose restartPolicy is not Always. */
export function isRunToCompletion(w: PodWorkload): boolean {
  if (w.resource.kind === 'Job' || w.resource.kind === 'CronJob') return true;
  if (w.resource.kind === 'Pod') {
    const rp = w.template.spec['restartPolicy'];
    return rp === 'Never' || rp === 'OnFailure';
  }
  return false;
}

/** Pods declared to run on Windows, where Linux-only securityContext fields do not apply (and are rejected). */
export function isWindows(w: PodWorkload): boolean {
  const os = w.template.spec['os'];
  return isObject(os) && os['name'] === 'windows';
}

/** An init container with restartPolicy Always is a sidecar: it runs alongside the app containers. */
export function isSidecar(c: ContainerRef): boolean {
  return c.type === 'initContainers' && c.container['restartPolicy'] === 'Always';
}

/** App containers and sidecars of a serving workload: the containers that must stay healthy. */
export function longRunningContainers(w: PodWorkload): ContainerRef[] {
  if (isRunToCompletion(w)) return [];
  return w.containers.filter((c) => c.type === 'containers' || isSidecar(c));
}

/** Containers that may declare resources: ephemeral containers cannot. */
export function resourcedContainers(w: PodWorkload): ContainerRef[] {
  return w.containers.filter((c) => c.type !== 'ephemeralContainers');
}

/** What a per-container check says about one failing container; the finding's subject and container are filled in. */
export interface ContainerVerdict {
  pointer: string;
  message: string;
  hint: string;
}

/**
 * The loop most container policies share, written once: each chosen container of each workload, in order, judged by
 * `verdict` (undefined for a pass, one verdict or several for a failure) and reported on the workload with the
 * container's name, which per-container exemptions and baseline entries match on.
 */
export function perContainer(
  workloads: readonly PodWorkload[],
  containers: (w: PodWorkload) => readonly ContainerRef[],
  verdict: (c: ContainerRef, w: PodWorkload) => ContainerVerdict | ContainerVerdict[] | undefined,
): PolicyFinding[] {
  const out: PolicyFinding[] = [];
  for (const w of workloads) {
    for (const c of containers(w)) {
      const v = verdict(c, w);
      for (const { pointer, message, hint } of v === undefined ? [] : Array.isArray(v) ? v : [v]) {
        out.push({ subject: w.resource, pointer, container: c.name, message, hint });
      }
    }
  }
  return out;
}

export function child(obj: object | undefined, key: string): KObject | undefined {
  const v = field(obj, key);
  return isObject(v) ? v : undefined;
}

export interface Effective {
  value: JsonValue | undefined;
  /** Where the value is set; for an unset value, where the container's setting belongs. */
  pointer: string;
  /** True when the value comes from the pod's securityContext. */
  fromPod: boolean;
}

/**
 * A securityContext field that exists on both the pod and the container: the container's value wins when
 * present, as the kubelet applies it.
 */
export function effectiveSecurity(w: PodWorkload, c: ContainerRef, field: SharedSecurityField): Effective {
  const own = sub(c.container, 'securityContext')?.[field] as JsonValue | undefined;
  if (own !== undefined && own !== null) {
    return { value: own, pointer: `${c.pointer}/securityContext/${field}`, fromPod: false };
  }
  const pod = sub(w.template.spec, 'securityContext')?.[field] as JsonValue | undefined;
  if (pod !== undefined && pod !== null) {
    return { value: pod, pointer: `${w.template.specPointer}/securityContext/${field}`, fromPod: true };
  }
  return { value: undefined, pointer: `${c.pointer}/securityContext/${field}`, fromPod: false };
}

/** Fields a pod's and a container's securityContext both have (kubernetes-types checks the names). */
export type SharedSecurityField = keyof SecurityContext & keyof PodSecurityContext;

/** Container-only securityContext field. */
export function containerSecurity(c: ContainerRef, field: keyof SecurityContext): Effective {
  const value = sub(c.container, 'securityContext')?.[field] as JsonValue | undefined;
  return { value: value ?? undefined, pointer: `${c.pointer}/securityContext/${field}`, fromPod: false };
}

export function describeContainer(c: ContainerRef): string {
  const kind =
    c.type === 'initContainers'
      ? 'init container'
      : c.type === 'ephemeralContainers'
        ? 'ephemeral container'
        : 'container';
  return `${kind} "${c.name}"`;
}

const NAME_INDEXES = indexKey<Map<string, Map<string, Resource>>>('resources by namespaced name');

/** Index of resources by `namespace/name` for one kind, for cross-resource lookups in O(1). */
export function byNamespacedName(
  ctx: Pick<PolicyContext<unknown>, 'byKind' | 'index'>,
  kind: string,
): Map<string, Resource> {
  const perKind = ctx.index.get(NAME_INDEXES, () => new Map<string, Map<string, Resource>>());
  let index = perKind.get(kind);
  if (!index) {
    index = new Map();
    for (const r of ctx.byKind(kind)) index.set(`${r.id.namespace ?? ''}/${r.id.name}`, r);
    perKind.set(kind, index);
  }
  return index;
}

/**
 * Kinds that carry a pod spec: the `kinds` metadata of every per-container policy. Custom kinds with a
 * template at `spec.template` or `spec.jobTemplate.spec.template` are covered too (core/pods.ts).
 */
export const POD_KINDS: readonly string[] = [
  'Pod',
  ...new Set(POD_TEMPLATE_KINDS.map((k) => (isBuiltinGroup(k.group) ? k.kind : `${k.group}/${k.kind}`))),
];
