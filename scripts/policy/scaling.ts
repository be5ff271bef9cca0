// Replica counts as the cluster will see them: an HPA that targets a workload owns its replica count, and
// unset replicas mean one. Shared by the availability policies.

import type { Deployment, StatefulSet } from 'kubernetes-types/apps/v1.js';
import type { HorizontalPodAutoscaler } from 'kubernetes-types/autoscaling/v2.js';
import { manifest, str, sub } from '../core/manifest.js';
import type { Resource } from '../core/resource.js';
import { splitApiVersion } from '../core/resource.js';
import { LabelIndex } from './label-index.js';
import { indexKey } from './run-index.js';
import type { PolicyContext } from './types.js';
import { podWorkloads, type PodWorkload } from './workloads.js';

type Ctx = Pick<PolicyContext<unknown>, 'resources' | 'byKind' | 'index'>;

export interface ReplicaRange {
  /** The fewest replicas the workload runs with. */
  min: number;
  /** The most replicas it may run with (the HPA's maxReplicas, or spec.replicas). */
  max: number;
  /** Resource and pointer that set `min`: the workload's spec.replicas or the HPA's spec.minReplicas. */
  source: Resource;
  pointer: string;
  hpa?: Resource;
}

const HPAS = indexKey<Map<string, Resource>>('autoscalers by target');

function targetKey(namespace: string | undefined, group: string, kind: string, name: string): string {
  return `${namespace ?? ''}/${group}/${kind}/${name}`;
}

/** HorizontalPodAutoscalers (autoscaling/v1 or v2) by the workload they scale; the first one wins. */
export function hpaIndex(ctx: Pick<PolicyContext<unknown>, 'byKind' | 'index'>): Map<string, Resource> {
  return ctx.index.get(HPAS, () => {
    const index = new Map<string, Resource>();
    for (const hpa of ctx.byKind('HorizontalPodAutoscaler')) {
      if (hpa.id.group !== 'autoscaling') continue;
      const ref = sub(sub(manifest<HorizontalPodAutoscaler>(hpa), 'spec'), 'scaleTargetRef');
      const kind = str(ref, 'kind');
      const name = str(ref, 'name');
      if (kind === undefined || name === undefined) continue;
      const apiVersion = str(ref, 'apiVersion') ?? 'apps/v1';
      const key = targetKey(hpa.id.namespace, splitApiVersion(apiVersion).group, kind, name);
      if (!index.has(key)) index.set(key, hpa);
    }
    return index;
  });
}

export function hpaFor(
  ctx: Pick<PolicyContext<unknown>, 'byKind' | 'index'>,
  workload: Resource,
): Resource | undefined {
  return hpaIndex(ctx).get(targetKey(workload.id.namespace, workload.id.group, workload.kind, workload.id.name));
}

function int(v: unknown, fallback: number): number {
  return typeof v === 'number' && Number.isInteger(v) ? v : fallback;
}

/** Replica range of a Deployment, StatefulSet, ReplicaSet or ReplicationController. */
export function replicaRange(ctx: Pick<PolicyContext<unknown>, 'byKind' | 'index'>, workload: Resource): ReplicaRange {
  const hpa = hpaFor(ctx, workload);
  if (hpa) {
    const spec = sub(manifest<HorizontalPodAutoscaler>(hpa), 'spec');
    const min = int(spec?.minReplicas, 1);
    return { min, max: Math.max(min, int(spec?.maxReplicas, min)), source: hpa, pointer: '/spec/minReplicas', hpa };
  }
  const replicas = int(sub(manifest<Deployment | StatefulSet>(workload), 'spec')?.replicas, 1);
  return { min: replicas, max: replicas, source: workload, pointer: '/spec/replicas' };
}

/** Serving workloads with a `spec.replicas` count, as policy `kinds` name them: what the availability policies cover. */
export const REPLICATED_KINDS = [
  'Deployment',
  'StatefulSet',
  'argoproj.io/Rollout',
  'apps.openshift.io/DeploymentConfig',
];

const REPLICATED = new Set(REPLICATED_KINDS.map((k) => (k.includes('/') ? k : `apps/${k}`)));

export function isReplicated(r: Resource): boolean {
  return REPLICATED.has(`${r.id.group}/${r.kind}`);
}

/** Deployments, StatefulSets, Argo Rollouts and DeploymentConfigs: the workloads the availability policies cover. */
export function replicatedWorkloads(ctx: Ctx): PodWorkload[] {
  return podWorkloads(ctx).filter((w) => isReplicated(w.resource));
}

const TEMPLATES = indexKey<LabelIndex<PodWorkload>>('pod templates by label');

/** Every pod template of the environment, indexed by namespace and label for selector lookups. */
export function templateIndex(ctx: Pick<PolicyContext<unknown>, 'resources' | 'index'>): LabelIndex<PodWorkload> {
  return ctx.index.get(TEMPLATES, () => {
    const index = new LabelIndex<PodWorkload>();
    for (const w of podWorkloads(ctx)) index.add(w.resource.id.namespace, w.template.labels, w);
    return index;
  });
}

/** `kind namespace/name`, for messages. */
export function describe(r: Resource): string {
  return r.id.namespace ? `${r.kind} ${r.id.namespace}/${r.id.name}` : `${r.kind} ${r.id.name}`;
}
