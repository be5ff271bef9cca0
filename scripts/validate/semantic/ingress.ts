// networking.k8s.io/v1 Ingress paths need a pathType; Exact and Prefix paths are absolute.

import { problem } from '../../codes/index.js';
import type { Ingress } from 'kubernetes-types/networking/v1.js';
import { items, manifest, sub } from '../../core/manifest.js';
import type { Finding, Resource } from '../../core/resource.js';
import { finding } from '../finding.js';

const PATH_TYPES = new Set(['Exact', 'Prefix', 'ImplementationSpecific']);

export function checkIngressPaths(resource: Resource): Finding[] {
  if (resource.kind !== 'Ingress' || resource.id.group !== 'networking.k8s.io') return [];
  const out: Finding[] = [];
  for (const [rule, r] of items(sub(manifest<Ingress>(resource), 'spec'), 'rules')) {
    for (const [p, i] of items(sub(rule, 'http'), 'paths')) {
      const at = `/spec/rules/${r}/http/paths/${i}`;
      const pathType = p.pathType;
      if (pathType === undefined || pathType === null) {
        out.push(finding(resource, at, problem('semantic/ingress-path-type', { issue: 'missing' })));
        continue;
      }
      if (typeof pathType === 'string' && !PATH_TYPES.has(pathType)) {
        out.push(
          finding(
            resource,
            `${at}/pathType`,
            problem('semantic/ingress-path-type', { issue: 'invalid', pathType: String(pathType) }),
          ),
        );
        continue;
      }
      const path = p.path;
      if ((pathType === 'Exact' || pathType === 'Prefix') && (typeof path !== 'string' || !path.startsWith('/'))) {
        out.push(
          finding(
            resource,
            path === undefined ? at : `${at}/path`,
            problem('semantic/ingress-path-type', { issue: 'relative', pathType: String(pathType) }),
          ),
        );
      }
    }
  }
  return out;
}
