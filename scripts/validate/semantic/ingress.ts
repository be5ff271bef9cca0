// networking.k8s.io/v1 Ingress paths need a pathType; Exact and Prefix paths are absolute.

import { problem } from '../../codes/index.js';
import { isObject, type Finding, type Resource } from '../../core/resource.js';
import { finding } from '../finding.js';

const PATH_TYPES = new Set(['Exact', 'Prefix', 'ImplementationSpecific']);

export function checkIngressPaths(resource: Resource): Finding[] {
  if (resource.kind !== 'Ingress' || resource.id.group !== 'networking.k8s.io') return [];
  const spec = resource.object['spec'];
  const rules = isObject(spec) ? spec['rules'] : undefined;
  if (!Array.isArray(rules)) return [];
  const out: Finding[] = [];
  rules.forEach((rule, r) => {
    const http = isObject(rule) ? rule['http'] : undefined;
    const paths = isObject(http) ? http['paths'] : undefined;
    if (!Array.isArray(paths)) return;
    paths.forEach((p, i) => {
      if (!isObject(p)) return;
      const at = `/spec/rules/${r}/http/paths/${i}`;
      const pathType = p['pathType'];
      if (pathType === undefined || pathType === null) {
        out.push(finding(resource, at, problem('semantic/ingress-path-type', { issue: 'missing' })));
        return;
      }
      if (typeof pathType === 'string' && !PATH_TYPES.has(pathType)) {
        out.push(
          finding(
            resource,
            `${at}/pathType`,
            problem('semantic/ingress-path-type', { issue: 'invalid', pathType: String(pathType) }),
          ),
        );
        return;
      }
      const path = p['path'];
      if ((pathType === 'Exact' || pathType === 'Prefix') && (typeof path !== 'string' || !path.startsWith('/'))) {
        out.push(
          finding(
            resource,
            path === undefined ? at : `${at}/path`,
            problem('semantic/ingress-path-type', { issue: 'relative', pathType: String(pathType) }),
          ),
        );
      }
    });
  });
  return out;
}
