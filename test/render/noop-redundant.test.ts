// The cheap look before the probe build (render/noop/redundant.ts): does an object already hold what a
// strategic merge patch sets? Only then is the entry worth proving a no-op with the engine.

import { describe, expect, it } from 'vitest';
import type { JsonValue } from '../../scripts/core/resource.js';
import { imageName, smpHolds } from '../../scripts/render/noop/redundant.js';

const deploy: JsonValue = {
  spec: {
    replicas: 2,
    template: {
      spec: {
        containers: [
          { name: 'app', image: 'web:1', ports: [{ containerPort: 80, protocol: 'TCP' }] },
          { name: 'sidecar', image: 'proxy:2' },
        ],
      },
    },
  },
};

describe('smpHolds', () => {
  it('matches list items by merge key, whatever their order', () => {
    expect(
      smpHolds({ spec: { template: { spec: { containers: [{ name: 'sidecar', image: 'proxy:2' }] } } } }, deploy, ''),
    ).toBe(true);
    expect(
      smpHolds(
        { spec: { template: { spec: { containers: [{ name: 'app', ports: [{ containerPort: 80 }] }] } } } },
        deploy,
        '',
      ),
    ).toBe(true);
  });

  it('a different value, a new list item or a new key is a change', () => {
    expect(smpHolds({ spec: { replicas: 3 } }, deploy, '')).toBe(false);
    expect(smpHolds({ spec: { replicas: '2' } }, deploy, '')).toBe(false);
    expect(smpHolds({ spec: { template: { spec: { containers: [{ name: 'new', image: 'x' }] } } } }, deploy, '')).toBe(
      false,
    );
    expect(smpHolds({ spec: { paused: true } }, deploy, '')).toBe(false);
  });

  it('null deletes: it holds only when the key is already absent', () => {
    expect(smpHolds({ spec: { paused: null } }, deploy, '')).toBe(true);
    expect(smpHolds({ spec: { replicas: null } }, deploy, '')).toBe(false);
  });

  it('directives always count as a change', () => {
    expect(smpHolds({ spec: { $patch: 'replace', replicas: 2 } }, deploy, '')).toBe(false);
    expect(
      smpHolds({ spec: { template: { spec: { containers: [{ name: 'app', $patch: 'delete' }] } } } }, deploy, ''),
    ).toBe(false);
  });
});

describe('imageName', () => {
  it('drops the tag and digest, not a registry port', () => {
    expect(imageName('ghcr.io/a/b:1.0')).toBe('ghcr.io/a/b');
    expect(imageName('registry:5000/a/b')).toBe('registry:5000/a/b');
    expect(imageName('registry:5000/a/b:2@sha256:abc')).toBe('registry:5000/a/b');
  });
});
