import policy from '../../policies/pdb-overlap.js';
import { describe, expect, it } from 'vitest';
import { deploy, policyTable, run } from './inline.js';

const pdb = (name: string, selector: string) => `apiVersion: policy/v1
kind: PodDisruptionBudget
metadata: {name: ${name}, namespace: shop}
spec:
  maxUnavailable: 1
  selector: ${selector}
---
`;

policyTable(
  'pdb-overlap',
  policy,
  [
    {
      name: 'one budget per workload',
      yaml:
        deploy('api') +
        deploy('web') +
        pdb('api', '{matchLabels: {app: api}}') +
        pdb('web', '{matchLabels: {app: web}}'),
    },
    {
      name: 'disjoint expressions',
      yaml:
        deploy('api', { labels: '{app: api, track: stable}' }) +
        pdb('a', '{matchLabels: {app: api}, matchExpressions: [{key: track, operator: In, values: [canary]}]}') +
        pdb('b', '{matchLabels: {app: api}}'),
    },
  ],
  [
    {
      name: 'two budgets over the same pods',
      yaml:
        deploy('api', { labels: '{app: api, tier: web}' }) +
        pdb('api', '{matchLabels: {app: api}}') +
        pdb('web-tier', '{matchLabels: {tier: web}}'),
      findings: ['PodDisruptionBudget/web-tier /spec/selector'],
      messages: [/same pods as PodDisruptionBudget api \(Deployment shop\/api\)/],
    },
    {
      name: 'three budgets: one finding per pair, workloads listed once per pair',
      yaml:
        deploy('a', { labels: '{app: x, part: a}' }) +
        deploy('b', { labels: '{app: x, part: b}' }) +
        pdb('p1', '{matchLabels: {app: x}}') +
        pdb('p2', '{}') +
        pdb('p3', '{matchLabels: {part: a}}'),
      findings: [
        'PodDisruptionBudget/p2 /spec/selector',
        'PodDisruptionBudget/p3 /spec/selector',
        'PodDisruptionBudget/p3 /spec/selector',
      ],
      messages: [/p1 \(Deployment shop\/a, Deployment shop\/b\)/],
    },
  ],
);

describe('pdb-overlap at scale', () => {
  it('forty copies of one budget over eight workloads: at most three findings per budget, lists cut short', () => {
    const yaml =
      Array.from({ length: 8 }, (_, i) => deploy(`api-${i}`, { labels: '{app: api}' })).join('') +
      Array.from({ length: 40 }, (_, i) => pdb(`copy-${i}`, '{matchLabels: {app: api}}')).join('');
    const findings = run(policy, yaml);
    const perBudget = new Map<string, number>();
    for (const f of findings) perBudget.set(f.subject!.id.name, (perBudget.get(f.subject!.id.name) ?? 0) + 1);
    expect(perBudget.has('copy-0')).toBe(false);
    expect(perBudget.get('copy-1')).toBe(1);
    expect(perBudget.get('copy-39')).toBe(3);
    expect(findings.length).toBe(1 + 2 + 3 * 37);
    const last = findings.filter((f) => f.subject!.id.name === 'copy-39');
    expect(last.map((f) => f.message.match(/PodDisruptionBudget (\S+)/)![1])).toEqual(['copy-0', 'copy-1', 'copy-2']);
    expect(last[2]!.message).toMatch(
      /Deployment shop\/api-0, .* and 3 more\); the eviction API .*; it overlaps more budgets than these 3$/,
    );
  });
});
