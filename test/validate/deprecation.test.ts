import { describe, expect, it } from 'vitest';
import {
  buildApiTable,
  checkDeprecation,
  compareApiVersions,
  loadApiTable,
} from '../../scripts/validate/deprecation.js';
import { resource } from './helpers.js';

const pdb = (apiVersion: string) =>
  resource(`apiVersion: ${apiVersion}\nkind: PodDisruptionBudget\nmetadata: { name: web }\nspec: { minAvailable: 1 }`);
const hpa = (apiVersion: string) =>
  resource(
    `apiVersion: ${apiVersion}\nkind: HorizontalPodAutoscaler\nmetadata: { name: web }\nspec: { maxReplicas: 3 }`,
  );

describe('API version priority', () => {
  it('orders GA over beta over alpha', () => {
    const sorted = ['v1alpha1', 'v1', 'v2beta2', 'v1beta1', 'v2', 'v2beta1'].sort((a, b) => compareApiVersions(b, a));
    expect(sorted).toEqual(['v2', 'v1', 'v2beta2', 'v2beta1', 'v1beta1', 'v1alpha1']);
  });
});

describe('deprecated and removed APIs (committed table)', () => {
  const table = loadApiTable();

  it('policy/v1beta1 PodDisruptionBudget at 1.32 is removed, replaced by policy/v1', () => {
    const f = checkDeprecation(pdb('policy/v1beta1'), '1.32', table);
    expect(f).toMatchObject({ code: 'api/removed', severity: 'error', pointer: '/apiVersion' });
    expect(f!.args).toEqual({
      apiVersion: 'policy/v1beta1',
      kind: 'PodDisruptionBudget',
      removedIn: '1.25',
      target: '1.32',
      replacement: 'policy/v1',
    });
    expect(checkDeprecation(pdb('policy/v1'), '1.32', table)).toBeUndefined();
  });

  it('policy/v1beta1 PodDisruptionBudget at 1.24 is served but deprecated', () => {
    const f = checkDeprecation(pdb('policy/v1beta1'), '1.24', table);
    expect(f).toMatchObject({ code: 'api/deprecated', severity: 'warning' });
    expect(f!.args).toMatchObject({ preferred: 'policy/v1', removedIn: '1.25' });
  });

  it('autoscaling/v2beta2 HorizontalPodAutoscaler: deprecated at 1.25, removed at 1.26 naming autoscaling/v2', () => {
    expect(checkDeprecation(hpa('autoscaling/v2beta2'), '1.25', table)).toMatchObject({ code: 'api/deprecated' });
    const removed = checkDeprecation(hpa('autoscaling/v2beta2'), '1.26', table);
    expect(removed).toMatchObject({ code: 'api/removed' });
    expect(removed!.args).toMatchObject({ replacement: 'autoscaling/v2', removedIn: '1.26' });
    expect(checkDeprecation(hpa('autoscaling/v1'), '1.32', table)).toBeUndefined();
    expect(checkDeprecation(hpa('autoscaling/v2'), '1.32', table)).toBeUndefined();
  });

  it('APIs removed before 1.23 name their replacement', () => {
    const ing = resource('apiVersion: extensions/v1beta1\nkind: Ingress\nmetadata: { name: web }');
    expect(checkDeprecation(ing, '1.30', table)!.args).toEqual({
      apiVersion: 'extensions/v1beta1',
      kind: 'Ingress',
      removedIn: '1.22',
      replacement: 'networking.k8s.io/v1',
    });
  });

  it('leaves unknown kinds to the schema check', () => {
    const cr = resource('apiVersion: example.com/v1\nkind: Widget\nmetadata: { name: w }');
    expect(checkDeprecation(cr, '1.32', table)).toBeUndefined();
  });
});

describe('deprecated and removed APIs (table rules)', () => {
  const table = buildApiTable({
    'x.io/v1alpha1/Thing': { first: '1.23', last: '1.26' },
    'x.io/v1beta1/Thing': { first: '1.25', last: '1.30' },
    'x.io/v1/Thing': { first: '1.28', last: '1.35' },
    'y.io/v1/Gone': { first: '1.23', last: '1.33' },
  });
  const thing = (v: string) => resource(`apiVersion: x.io/${v}\nkind: Thing\nmetadata: { name: t }`);

  it('a beta version is fine until a GA version is served, then deprecated', () => {
    expect(checkDeprecation(thing('v1beta1'), '1.27', table)?.code).toBe('api/deprecated'); // removed in 1.31, before 1.35
    expect(checkDeprecation(thing('v1beta1'), '1.29', table)!.args).toMatchObject({
      preferred: 'x.io/v1',
      removedIn: '1.31',
    });
  });
  it('removed names the newest version served at the target', () => {
    expect(checkDeprecation(thing('v1alpha1'), '1.27', table)!.args).toMatchObject({ replacement: 'x.io/v1beta1' });
    expect(checkDeprecation(thing('v1alpha1'), '1.31', table)!.args).toMatchObject({ replacement: 'x.io/v1' });
  });
  it('a GA API removed before the newest known release warns; without a replacement it says so', () => {
    expect(
      checkDeprecation(resource('apiVersion: y.io/v1\nkind: Gone\nmetadata: { name: g }'), '1.30', table)!.message,
    ).toBe('y.io/v1 Gone is removed in Kubernetes 1.34');
    expect(
      checkDeprecation(resource('apiVersion: y.io/v1\nkind: Gone\nmetadata: { name: g }'), '1.34', table)!.message,
    ).toContain('no replacement API exists');
  });
  it('a target newer than the table does not call the newest APIs removed', () => {
    expect(checkDeprecation(thing('v1'), '1.40', table)).toBeUndefined();
  });
});
