// HorizontalPodAutoscaler: 1 ≤ minReplicas ≤ maxReplicas, and the scale target is part of the environment.

import { isObject, splitApiVersion, type Finding, type Resource } from '../../core/resource.js';
import { finding, type CheckContext } from '../finding.js';
import type { ResourceIndex } from './index-of.js';

export function checkHpa(resource: Resource, ctx: CheckContext, index: ResourceIndex): Finding[] {
  if (resource.kind !== 'HorizontalPodAutoscaler' || resource.id.group !== 'autoscaling') return [];
  const spec = resource.object['spec'];
  if (!isObject(spec)) return [];
  const out: Finding[] = [];
  const min = spec['minReplicas'];
  const max = spec['maxReplicas'];
  if (typeof min === 'number' && min < 1) {
    out.push(
      finding('semantic/hpa-replicas', 'error', resource, '/spec/minReplicas', `minReplicas ${min} must be at least 1`),
    );
  }
  if (typeof max === 'number') {
    if (max < 1)
      out.push(
        finding(
          'semantic/hpa-replicas',
          'error',
          resource,
          '/spec/maxReplicas',
          `maxReplicas ${max} must be at least 1`,
        ),
      );
    else if (typeof min === 'number' && min > max) {
      out.push(
        finding(
          'semantic/hpa-replicas',
          'error',
          resource,
          '/spec/minReplicas',
          `minReplicas ${min} is greater than maxReplicas ${max}`,
        ),
      );
    }
  }
  const ref = spec['scaleTargetRef'];
  if (isObject(ref) && typeof ref['kind'] === 'string' && typeof ref['name'] === 'string') {
    const group = typeof ref['apiVersion'] === 'string' ? splitApiVersion(ref['apiVersion']).group : undefined;
    const kind = ref['kind'];
    const name = ref['name'];
    const namespace = resource.id.namespace;
    const target =
      group !== undefined
        ? index.find(group, kind, namespace, name)
        : index.ofKind(kind).find((r) => r.id.name === name && r.id.namespace === namespace);
    if (!target) {
      const where = namespace ? `namespace ${namespace}` : 'the same namespace';
      out.push(
        finding(
          'semantic/hpa-target',
          ctx.complete ? 'error' : 'warning',
          resource,
          '/spec/scaleTargetRef',
          `scale target ${kind} ${name}${group ? ` (${ref['apiVersion']})` : ''} is not in ${ctx.complete ? 'this environment' : 'the input'} (${where})`,
          'check the kind, name and apiVersion of scaleTargetRef',
        ),
      );
    }
  }
  return out;
}
