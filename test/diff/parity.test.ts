import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../scripts/core/errors.js';
import { diffEnvironments } from '../../scripts/diff/environments.js';
import { parityFindings, parseParityConfig } from '../../scripts/diff/parity.js';
import { configMap, deployment, envFromYaml } from './helpers.js';

const statefulSet = (name: string) => `apiVersion: apps/v1
kind: StatefulSet
metadata: {name: ${name}}
spec: {serviceName: ${name}, selector: {matchLabels: {app: db}}, template: {metadata: {labels: {app: db}}, spec: {containers: [{name: db, image: postgres:16}]}}}
`;

const config = parseParityConfig(
  `severity: warning
allow:
  - {path: /spec/replicas, kinds: [apps/Deployment], reason: capacity}
  - {path: /spec/template/spec/containers/*/image, reason: promotion}
onlyIn:
  - {kinds: [apps/StatefulSet], name: postgres*, environments: [staging], reason: in-cluster db}
`,
  'policies/parity.yaml',
);

describe('parityFindings', () => {
  it('reports only the differences parity.yaml does not allow, pointing at the second environment', () => {
    const a = envFromYaml(
      'staging',
      [deployment('api', { replicas: 1, image: 'x:1' }), configMap('cfg', { A: '1' }), statefulSet('postgres')].join(
        '---\n',
      ),
    );
    const b = envFromYaml(
      'production',
      [
        deployment('api', {
          replicas: 4,
          image: 'x:2',
          env: [
            ['LOG', 'warn'],
            ['MODE', 'web'],
          ],
        }),
        configMap('cfg', { A: '1' }),
        configMap('extra', { B: '1' }),
      ].join('---\n'),
    );
    const findings = parityFindings(diffEnvironments(a, b, { ignore: [], sensitive: [] }), config);
    expect(findings.map((f) => [f.code, f.severity, f.subject?.env, f.subject?.id.name, f.pointer, f.message])).toEqual(
      [
        [
          'diff/parity',
          'warning',
          'production',
          'extra',
          '',
          'ConfigMap extra exists in production but not in staging',
        ],
        [
          'diff/parity',
          'warning',
          'production',
          'api',
          '/spec/template/spec/containers/0/env/0/value',
          'production differs from staging: spec.template.spec.containers[api].env[LOG].value: info → warn',
        ],
      ],
    );
  });

  it('a staging-only resource not listed in onlyIn is a finding', () => {
    const a = envFromYaml('production', [deployment('api'), statefulSet('postgres')].join('---\n'));
    const b = envFromYaml('staging', deployment('api'));
    const findings = parityFindings(diffEnvironments(a, b, { ignore: [], sensitive: [] }), config);
    expect(findings.map((f) => [f.subject?.env, f.message])).toEqual([
      ['production', 'StatefulSet.apps postgres exists in production but not in staging'],
    ]);
  });

  it('rejects a malformed parity file with its line', () => {
    const bad = 'allow:\n  - path: spec/replicas\n    reason: x\n';
    expect(() => parseParityConfig(bad, 'policies/parity.yaml')).toThrow(ConfigError);
    try {
      parseParityConfig(bad, 'policies/parity.yaml');
    } catch (e) {
      expect((e as ConfigError).location).toMatchObject({ file: 'policies/parity.yaml', line: 2 });
      expect((e as ConfigError).message).toContain('/allow/0/path');
    }
  });

  it('the repository parity file is valid', async () => {
    const { loadParityConfig } = await import('../../scripts/diff/parity.js');
    const cfg = loadParityConfig(new URL('../..', import.meta.url).pathname);
    expect(cfg.allow.length).toBeGreaterThan(5);
  });
});
