import { describe, expect, it } from 'vitest';
import { commonPart, mergeDiagnostics, type Diagnostic } from '../../scripts/core/diagnostic.js';

const finding = (env: string, name: string, namespace: string, file = 'base/deploy.yaml'): Diagnostic => ({
  code: 'policy/pdb-coverage',
  severity: 'error',
  message: `no PodDisruptionBudget in namespace "${namespace}" selects the pods of Deployment ${namespace}/${name}`,
  environments: [env],
  resource: { group: 'apps', version: 'v1', kind: 'Deployment', namespace, name },
  pointer: '/spec/replicas',
  source: { file, line: 6, column: 3 },
});

describe('one finding per defect across environments', () => {
  it.each([
    [['staging-web', 'prod-web'], 'web'],
    [['app-config-7f8d9k', 'app-config-9k2m4t'], 'app-config'],
    [['shop-staging', 'shop-production'], 'shop'],
    [['web', 'web'], 'web'],
    [['a', 'b'], 'a'],
  ])('the shared part of %j is %s', (names, shared) => {
    expect(commonPart(names)).toBe(shared);
  });

  it('merges renamed copies at the same source line, names kept per environment in the data', () => {
    const merged = mergeDiagnostics([
      finding('staging', 'staging-web', 'shop-staging'),
      finding('production', 'prod-web', 'shop-production'),
    ]);
    expect(merged).toHaveLength(1);
    expect(merged[0]).toMatchObject({
      environments: ['staging', 'production'],
      message: 'no PodDisruptionBudget in namespace "shop" selects the pods of Deployment shop/web',
      resources: {
        staging: expect.objectContaining({ name: 'staging-web', namespace: 'shop-staging' }),
        production: expect.objectContaining({ name: 'prod-web', namespace: 'shop-production' }),
      },
    });
    // Merging is idempotent: sharded results merged again stay one finding.
    const again = mergeDiagnostics([...merged, finding('preview', 'pr-12-web', 'shop-pr-12')]);
    expect(again).toHaveLength(1);
    expect(again[0]!.environments).toEqual(['staging', 'production', 'preview']);
  });

  it('keeps apart what differs: another line, or a finding only in the rendered output', () => {
    expect(
      mergeDiagnostics([
        finding('staging', 'staging-web', 'shop'),
        finding('production', 'prod-web', 'shop', 'base/other.yaml'),
      ]),
    ).toHaveLength(2);
    expect(
      mergeDiagnostics([
        finding('staging', 'staging-web', 'shop', '<rendered:staging>'),
        finding('production', 'prod-web', 'shop', '<rendered:production>'),
      ]),
    ).toHaveLength(2);
  });
});
