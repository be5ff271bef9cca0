// A PodDisruptionBudget sets exactly one of minAvailable and maxUnavailable, each a count or a percentage.

import { problem } from '../../codes/index.js';
import type { PodDisruptionBudget } from 'kubernetes-types/policy/v1.js';
import { manifest, sub } from '../../core/manifest.js';
import type { Finding, Resource } from '../../core/resource.js';
import { finding } from '../finding.js';

const PERCENT = /^(\d+)%$/;

export function checkPdb(resource: Resource): Finding[] {
  if (resource.kind !== 'PodDisruptionBudget' || resource.id.group !== 'policy') return [];
  const spec = sub(manifest<PodDisruptionBudget>(resource), 'spec');
  if (!spec) return [];
  const min = spec.minAvailable;
  const max = spec.maxUnavailable;
  if (min !== undefined && max !== undefined) {
    return [finding(resource, '/spec/maxUnavailable', problem('semantic/pdb-budget', { issue: 'both' }))];
  }
  if (min === undefined && max === undefined) {
    return [finding(resource, '/spec', problem('semantic/pdb-budget', { issue: 'neither' }, 'warning'))];
  }
  const field = min !== undefined ? 'minAvailable' : 'maxUnavailable';
  const issue = budgetProblem(min ?? max);
  return issue
    ? [finding(resource, `/spec/${field}`, problem('semantic/pdb-budget', { issue: 'invalid', field, problem: issue }))]
    : [];
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
