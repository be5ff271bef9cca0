// HorizontalPodAutoscaler: 1 ≤ minReplicas ≤ maxReplicas, and the scale target is part of the environment.

import { problem } from '../../codes/index.js';
import type { HorizontalPodAutoscaler } from 'kubernetes-types/autoscaling/v2.js';
import { manifest, str, sub } from '../../core/manifest.js';
import { splitApiVersion, type Finding, type Resource } from '../../core/resource.js';
import { finding, type CheckContext } from '../finding.js';
import type { ResourceIndex } from './index-of.js';

export function checkHpa(resource: Resource, ctx: CheckContext, index: ResourceIndex): Finding[] {
  if (resource.kind !== 'HorizontalPodAutoscaler' || resource.id.group !== 'autoscaling') return [];
  const spec = sub(manifest<HorizontalPodAutoscaler>(resource), 'spec');
  if (!spec) return [];
  const out: Finding[] = [];
  const min = spec.minReplicas;
  const max = spec.maxReplicas;
  if (typeof min === 'number' && min < 1) {
    out.push(
      finding(resource, '/spec/minReplicas', problem('semantic/hpa-replicas', { field: 'minReplicas', value: min })),
    );
  }
  if (typeof max === 'number') {
    if (max < 1)
      out.push(
        finding(resource, '/spec/maxReplicas', problem('semantic/hpa-replicas', { field: 'maxReplicas', value: max })),
      );
    else if (typeof min === 'number' && min > max) {
      out.push(
        finding(
          resource,
          '/spec/minReplicas',
          problem('semantic/hpa-replicas', { field: 'minReplicas', value: min, max }),
        ),
      );
    }
  }
  const ref = sub(spec, 'scaleTargetRef');
  const kind = str(ref, 'kind');
  const name = str(ref, 'name');
  if (kind !== undefined && name !== undefined) {
    const apiVersion = str(ref, 'apiVersion');
    const group = apiVersion !== undefined ? splitApiVersion(apiVersion).group : undefined;
    const namespace = resource.id.namespace;
    const target =
      group !== undefined
        ? index.find(group, kind, namespace, name)
        : index.ofKind(kind).find((r) => r.id.name === name && r.id.namespace === namespace);
    if (!target) {
      out.push(
        finding(
          resource,
          '/spec/scaleTargetRef',
          problem(
            'semantic/hpa-target',
            {
              kind,
              name,
              ...(group ? { apiVersion } : {}),
              complete: ctx.complete,
              ...(namespace ? { namespace } : {}),
            },
            ctx.complete ? 'error' : 'warning',
          ),
        ),
      );
    }
  }
  return out;
}
