// Fields that name another object. When that object's name is normalised (prefix, suffix, generator hash),
// the references are rewritten the same way so a workload shows no spurious change.
// Paths follow Kustomize's fieldSpec convention: lists are walked through implicitly.

import { isObject, type JsonValue, type KObject } from '../core/resource.js';

interface RefSpec {
  /** Kind of the referenced object. */
  target: string;
  /** Kinds holding the reference; `*pod` = every pod-template holder. */
  in: string;
  path: string[];
}

const POD_SPEC_PATHS: Record<string, string[]> = {
  Pod: ['spec'],
  Deployment: ['spec', 'template', 'spec'],
  ReplicaSet: ['spec', 'template', 'spec'],
  StatefulSet: ['spec', 'template', 'spec'],
  DaemonSet: ['spec', 'template', 'spec'],
  Job: ['spec', 'template', 'spec'],
  ReplicationController: ['spec', 'template', 'spec'],
  CronJob: ['spec', 'jobTemplate', 'spec', 'template', 'spec'],
};

const CONTAINERS = ['containers', 'initContainers', 'ephemeralContainers'];

const POD_REFS: { target: string; path: string[] }[] = [
  { target: 'ConfigMap', path: ['volumes', 'configMap', 'name'] },
  { target: 'ConfigMap', path: ['volumes', 'projected', 'sources', 'configMap', 'name'] },
  { target: 'Secret', path: ['volumes', 'secret', 'secretName'] },
  { target: 'Secret', path: ['volumes', 'projected', 'sources', 'secret', 'name'] },
  { target: 'Secret', path: ['imagePullSecrets', 'name'] },
  { target: 'PersistentVolumeClaim', path: ['volumes', 'persistentVolumeClaim', 'claimName'] },
  { target: 'ServiceAccount', path: ['serviceAccountName'] },
  { target: 'ServiceAccount', path: ['serviceAccount'] },
  ...CONTAINERS.flatMap((c) => [
    { target: 'ConfigMap', path: [c, 'env', 'valueFrom', 'configMapKeyRef', 'name'] },
    { target: 'ConfigMap', path: [c, 'envFrom', 'configMapRef', 'name'] },
    { target: 'Secret', path: [c, 'env', 'valueFrom', 'secretKeyRef', 'name'] },
    { target: 'Secret', path: [c, 'envFrom', 'secretRef', 'name'] },
  ]),
];

const OTHER_REFS: RefSpec[] = [
  { target: 'Service', in: 'Ingress', path: ['spec', 'rules', 'http', 'paths', 'backend', 'service', 'name'] },
  { target: 'Service', in: 'Ingress', path: ['spec', 'defaultBackend', 'service', 'name'] },
  { target: 'Secret', in: 'Ingress', path: ['spec', 'tls', 'secretName'] },
  { target: 'Service', in: 'StatefulSet', path: ['spec', 'serviceName'] },
  { target: 'Deployment', in: 'HorizontalPodAutoscaler', path: ['spec', 'scaleTargetRef', 'name'] },
  { target: 'StatefulSet', in: 'HorizontalPodAutoscaler', path: ['spec', 'scaleTargetRef', 'name'] },
  { target: 'Role', in: 'RoleBinding', path: ['roleRef', 'name'] },
  { target: 'ClusterRole', in: 'RoleBinding', path: ['roleRef', 'name'] },
  { target: 'ClusterRole', in: 'ClusterRoleBinding', path: ['roleRef', 'name'] },
  { target: 'ServiceAccount', in: 'RoleBinding', path: ['subjects', 'name'] },
  { target: 'ServiceAccount', in: 'ClusterRoleBinding', path: ['subjects', 'name'] },
  { target: 'Namespace', in: 'RoleBinding', path: ['subjects', 'namespace'] },
  { target: 'Namespace', in: 'ClusterRoleBinding', path: ['subjects', 'namespace'] },
  ...(['ingress', 'egress'] as const).map((dir) => ({
    target: 'Namespace',
    in: 'NetworkPolicy',
    path: [
      'spec',
      dir,
      dir === 'ingress' ? 'from' : 'to',
      'namespaceSelector',
      'matchLabels',
      'kubernetes.io/metadata.name',
    ],
  })),
  { target: 'Secret', in: 'Certificate', path: ['spec', 'secretName'] },
  { target: 'Secret', in: 'ExternalSecret', path: ['spec', 'target', 'name'] },
];

function specsFor(kind: string): { target: string; path: string[] }[] {
  const pod = POD_SPEC_PATHS[kind];
  const out = OTHER_REFS.filter((r) => r.in === kind);
  if (pod) for (const r of POD_REFS) out.push({ target: r.target, in: kind, path: [...pod, ...r.path] });
  return out;
}

const specCache = new Map<string, { target: string; path: string[] }[]>();

/** `kind → actual name → canonical name` for one environment. */
export type RenameMap = Map<string, Map<string, string>>;

export interface ReferenceHit {
  target: string;
  name: string;
}

/**
 * Return a copy of `object` with references renamed through `renames` (copy-on-write: untouched branches
 * are shared), plus the original names it referenced.
 */
export function rewriteReferences(
  kind: string,
  object: KObject,
  renames: RenameMap,
): { object: KObject; refs: ReferenceHit[] } {
  let specs = specCache.get(kind);
  if (!specs) specCache.set(kind, (specs = specsFor(kind)));
  const refs: ReferenceHit[] = [];
  let result: JsonValue = object;
  for (const spec of specs) {
    const names = renames.get(spec.target);
    result = rewrite(result, spec.path, 0, (name) => {
      refs.push({ target: spec.target, name });
      return names?.get(name);
    });
  }
  return { object: result as KObject, refs };
}

function rewrite(node: JsonValue, path: string[], i: number, rename: (name: string) => string | undefined): JsonValue {
  if (Array.isArray(node)) {
    let copy: JsonValue[] | undefined;
    for (let j = 0; j < node.length; j++) {
      const next = rewrite(node[j], path, i, rename);
      if (next !== node[j]) (copy ??= [...node])[j] = next;
    }
    return copy ?? node;
  }
  if (!isObject(node) || i >= path.length) return node;
  const key = path[i];
  const child = node[key];
  if (child === undefined) return node;
  let next: JsonValue;
  if (i === path.length - 1) {
    if (typeof child !== 'string') return node;
    next = rename(child) ?? child;
  } else next = rewrite(child, path, i + 1, rename);
  return next === child ? node : { ...node, [key]: next };
}
