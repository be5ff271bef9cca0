import { describe, expect, it } from 'vitest';
import { syntheticEnvironments } from '../../scripts/diff/bench.js';
import { diffEnvironments } from '../../scripts/diff/environments.js';

describe('benchmark inputs', () => {
  it('synthetic environments pair completely despite different prefixes, namespaces and env order', () => {
    const [a, b] = syntheticEnvironments(300);
    const d = diffEnvironments(a, b, { ignore: [], sensitive: [] });
    expect(d.resources.every((r) => r.kind === 'modified')).toBe(true);
    const paths = new Set(d.resources.flatMap((r) => r.changes.map((c) => c.label.replace(/\[.*?\]/g, '[]'))));
    expect([...paths].sort()).toEqual([
      'data.LOG_LEVEL',
      'data.URL',
      'metadata.labels.environment',
      'spec.replicas',
      'spec.template.spec.containers[].image',
    ]);
  });
});
