// API-server semantics that JSON Schema cannot express. Each check lives in its own module; this is the list.

import type { Finding, Resource } from '../../core/resource.js';
import type { CheckContext, ResourceCheck } from '../finding.js';
import { checkContainerNames } from './containers.js';
import { checkEnvNames } from './env.js';
import { checkHpa } from './hpa.js';
import { indexResources, type ResourceIndex } from './index-of.js';
import { checkIngressPaths } from './ingress.js';
import { checkPdb } from './pdb.js';
import { checkPrometheusRules } from './promql.js';
import { checkContainerPorts } from './ports.js';
import { checkSelector } from './selector.js';
import { checkServicePorts } from './service.js';
import { checkVolumes } from './volumes.js';

export { indexResources, type Identified, type ResourceIndex } from './index-of.js';

export const SEMANTIC_CHECKS: Record<string, ResourceCheck> = {
  selector: checkSelector,
  'container-names': checkContainerNames,
  'container-ports': checkContainerPorts,
  volumes: checkVolumes,
  'env-names': checkEnvNames,
  pdb: checkPdb,
  'service-ports': checkServicePorts,
  'ingress-paths': checkIngressPaths,
  'prometheus-rules': checkPrometheusRules,
};

const CHECKS = Object.values(SEMANTIC_CHECKS);

/** Every semantic check on one resource; `index` answers cross-resource questions (HPA targets). */
export function checkSemantics(resource: Resource, ctx: CheckContext, index: ResourceIndex): Finding[] {
  let out: Finding[] | undefined;
  for (const check of CHECKS) {
    const found = check(resource, ctx);
    if (found.length > 0) (out ??= []).push(...found);
  }
  if (resource.kind === 'HorizontalPodAutoscaler') {
    const found = checkHpa(resource, ctx, index);
    if (found.length > 0) (out ??= []).push(...found);
  }
  return out ?? [];
}

/** Convenience for a list of resources (tests, plain files). */
export function checkAllSemantics(resources: readonly Resource[], ctx: CheckContext): Finding[] {
  const index = indexResources(resources);
  const out: Finding[] = [];
  for (const r of resources) out.push(...checkSemantics(r, ctx, index));
  return out;
}
