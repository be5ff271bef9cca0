import { describe, expect, it } from 'vitest';
import { apiAvailability, mergeKeyTable } from '../../scripts/schemas/tables.js';

describe('merge-key table', () => {
  const table = mergeKeyTable('1.35');
  it('has list-map keys of built-in kinds by pointer pattern', () => {
    const deployment = table['apps/v1/Deployment']!;
    expect(deployment['/spec/template/spec/containers']).toEqual(['name']);
    expect(deployment['/spec/template/spec/containers/*/ports']).toEqual(['containerPort', 'protocol']);
    expect(deployment['/spec/template/spec/volumes']).toEqual(['name']);
    expect(table['v1/Service']!['/spec/ports']).toEqual(['port', 'protocol']);
  });
  it('includes bundled CRDs', () => {
    expect(Object.keys(table).some((k) => k.startsWith('cert-manager.io/v1/'))).toBe(true);
  });
  it('falls back to the newest bundle for a version without one', () => {
    expect(mergeKeyTable('1.99')['apps/v1/Deployment']).toBeDefined();
  });
});

describe('API availability', () => {
  const { kinds, releases } = apiAvailability();
  it('covers 1.23 to 1.35', () => {
    expect(releases[0]).toBe('1.23');
    expect(releases[releases.length - 1]).toBe('1.35');
  });
  it('records removals and additions', () => {
    expect(kinds['policy/v1beta1/PodSecurityPolicy']).toEqual({ first: '1.23', last: '1.24' });
    expect(kinds['batch/v1beta1/CronJob']).toEqual({ first: '1.23', last: '1.24' });
    expect(kinds['flowcontrol.apiserver.k8s.io/v1/FlowSchema']).toEqual({ first: '1.29', last: '1.35' });
    expect(kinds['apps/v1/Deployment']).toEqual({ first: '1.23', last: '1.35' });
  });
  it('leaves out lists and meta types', () => {
    expect(Object.keys(kinds).filter((k) => k.endsWith('List') || /\/(DeleteOptions|WatchEvent|Status)$/.test(k))).toEqual([]);
  });
});
