// A PodDisruptionBudget sets exactly one of minAvailable and maxUnavailable, each a count or a percentage.

import { isObject, type Finding, type Resource } from '../../core/resource.js';
import { finding } from '../finding.js';

const PERCENT = /^(\d+)%$/;

export function checkPdb(resource: Resource): Finding[] {
  if (resource.kind !== 'PodDisruptionBudget' || resource.id.group !== 'policy') return [];
  const spec = resource.object['spec'];
  if (!isObject(spec)) return [];
  const min = spec['minAvailable'];
  const max = spec['maxUnavailable'];
  if (min !== undefined && max !== undefined) {
    return [
      finding(
        'semantic/pdb-budget',
        'error',
        resource,
        '/spec/maxUnavailable',
        'minAvailable and maxUnavailable cannot both be set',
        'keep one of them',
      ),
    ];
  }
  if (min === undefined && max === undefined) {
    return [
      finding(
        'semantic/pdb-budget',
        'warning',
        resource,
        '/spec',
        'neither minAvailable nor maxUnavailable is set, so the budget protects nothing',
        'set minAvailable or maxUnavailable',
      ),
    ];
  }
  const field = min !== undefined ? 'minAvailable' : 'maxUnavailable';
  const problem = budgetProblem(min ?? max);
  return problem ? [finding('semantic/pdb-budget', 'error', resource, `/spec/${field}`, `${field} ${problem}`)] : [];
}

function budgetProblem(value: unknown): string | undefined {
  if (typeof value === 'number')
    return Number.isInteger(value) && value >= 0 ? undefined : `${value} must be a non-negative integer`;
  if (typeof value === 'string') {
    const m = PERCENT.exec(value);
    if (!m) return `${JSON.stringify(value)} must be an integer or a percentage such as "50%"`;
    return Number(m[1]) <= 100 ? undefined : `${value} must not exceed 100%`;
  }
  return undefined;
}
