import { describe, expect, it } from 'vitest';
import { diffEnvironments } from '../../scripts/diff/environments.js';
import { hasDifferences } from '../../scripts/diff/types.js';
import { formatJson } from '../../scripts/report/diff-json.js';
import { formatMarkdown } from '../../scripts/report/diff-markdown.js';
import { formatText } from '../../scripts/report/diff-text.js';
import { configMap, deployment, envFromYaml } from './helpers.js';

const none = { ignore: [], sensitive: [] };

describe('diffEnvironments pairing', () => {
  it('pairs across namespace, prefix, suffix and generator hash, references included', () => {
    const a = envFromYaml(
      'staging',
      [
        deployment('stg-api', { ns: 'staging', cm: 'stg-api-config-2g7b9kk4m5' }),
        configMap('stg-api-config-2g7b9kk4m5', { LEVEL: 'debug' }, 'staging'),
      ].join('---\n'),
      ['stg-api-config-2g7b9kk4m5'],
    );
    const b = envFromYaml(
      'production',
      [
        deployment('api-prod', { ns: 'production', cm: 'api-config-prod-ht8c5d4f6b' }),
        configMap('api-config-prod-ht8c5d4f6b', { LEVEL: 'warn' }, 'production'),
      ].join('---\n'),
      ['api-config-prod-ht8c5d4f6b'],
    );
    const d = diffEnvironments(a, b, none);
    expect(d.resources.map((r) => [r.kind, r.id.kind, r.id.name])).toEqual([['modified', 'ConfigMap', 'api-config']]);
    const cm = d.resources[0]!;
    expect(cm.changes).toEqual([
      { path: '/data/LEVEL', label: 'data.LEVEL', op: 'replace', old: { value: 'debug' }, new: { value: 'warn' } },
    ]);
    expect(cm.notes).toEqual([
      'generated name changed (stg-api-config-2g7b9kk4m5 → api-config-prod-ht8c5d4f6b): pods of Deployment api-prod will roll',
    ]);
    expect(cm.a).toMatchObject({ namespace: 'staging', name: 'stg-api-config-2g7b9kk4m5' });
    expect(d.unchanged).toBe(1);
  });

  it('reordered containers and env entries are not a change; a changed entry is addressed by key', () => {
    const a = envFromYaml(
      'a',
      deployment('api', {
        env: [
          ['LOG', 'info'],
          ['MODE', 'web'],
        ],
      }),
    );
    const swapped = deployment('api', {
      env: [
        ['MODE', 'web'],
        ['LOG', 'info'],
      ],
    }).replace(
      / {6}containers:\n([\s\S]*?) {8}- name: sidecar\n {10}image: envoy:1.30\n/,
      '      containers:\n        - name: sidecar\n          image: envoy:1.30\n$1',
    );
    expect(swapped.indexOf('sidecar')).toBeLessThan(swapped.indexOf('- name: api\n'));
    const b = envFromYaml('b', swapped);
    expect(hasDifferences(diffEnvironments(a, b, none))).toBe(false);

    const c = envFromYaml(
      'c',
      deployment('api', {
        env: [
          ['MODE', 'worker'],
          ['LOG', 'info'],
        ],
      }),
    );
    const d = diffEnvironments(a, c, none);
    expect(d.resources[0]!.changes).toEqual([
      {
        path: '/spec/template/spec/containers/0/env/0/value',
        label: 'spec.template.spec.containers[api].env[MODE].value',
        op: 'replace',
        old: { value: 'web' },
        new: { value: 'worker' },
      },
    ]);
  });

  it('reports added and removed resources and added/removed list items', () => {
    const a = envFromYaml('a', [deployment('api'), configMap('only-a', { x: '1' })].join('---\n'));
    const b = envFromYaml(
      'b',
      [deployment('api', { env: [['LOG', 'info']] }), configMap('only-b', { x: '1' })].join('---\n'),
    );
    const d = diffEnvironments(a, b, none);
    expect(d.resources.map((r) => `${r.kind} ${r.id.kind}/${r.id.name}`)).toEqual([
      'removed ConfigMap/only-a',
      'added ConfigMap/only-b',
      'modified Deployment/api',
    ]);
    const dep = d.resources[2]!;
    expect(dep.changes).toEqual([
      {
        path: '/spec/template/spec/containers/0/env/1',
        label: 'spec.template.spec.containers[api].env[MODE]',
        op: 'remove',
        old: { value: { name: 'MODE', value: 'web' } },
        parent: '/spec/template/spec/containers/0/env',
      },
    ]);
    expect(hasDifferences(d)).toBe(true);
  });

  it('ignore rules remove paths (with * and **, optionally per kind) before comparison', () => {
    const a = envFromYaml(
      'a',
      [deployment('api', { replicas: 1, image: 'x:1' }), configMap('cfg', { a: '1', b: '1' })].join('---\n'),
    );
    const b = envFromYaml(
      'b',
      [deployment('api', { replicas: 3, image: 'x:2' }), configMap('cfg', { a: '2', b: '2' })].join('---\n'),
    );
    const all = diffEnvironments(a, b, none);
    expect(all.resources.flatMap((r) => r.changes.map((c) => c.path))).toEqual([
      '/data/a',
      '/data/b',
      '/spec/replicas',
      '/spec/template/spec/containers/0/image',
    ]);
    const some = diffEnvironments(a, b, {
      ignore: ['/spec/replicas', '/spec/**/containers/*/image', 'ConfigMap:/data/a'],
      sensitive: [],
    });
    expect(some.resources.flatMap((r) => r.changes.map((c) => c.path))).toEqual(['/data/b']);
    const everything = diffEnvironments(a, b, { ignore: ['/spec', '/data/*'], sensitive: [] });
    expect(hasDifferences(everything)).toBe(false);
    expect(everything.unchanged).toBe(2);
  });

  it('ports pair by containerPort with protocol defaulting to TCP; unkeyed lists go by position only at equal length', () => {
    const extra = (ports: string, args: string) => `          ports:\n${ports}          args: ${args}\n`;
    const mk = (name: string, ports: string, args: string) =>
      envFromYaml(
        name,
        deployment('api').replace('        - name: sidecar', `${extra(ports, args)}        - name: sidecar`),
      );
    const portsA =
      '            - containerPort: 8080\n            - containerPort: 9090\n              protocol: UDP\n';
    const portsB =
      '            - containerPort: 9090\n              protocol: UDP\n            - containerPort: 8080\n';
    const a = mk('a', portsA, '[--a, --b]');
    const same = diffEnvironments(a, mk('b', portsB, '[--a, --c]'), none);
    expect(same.resources[0]!.changes).toEqual([
      {
        path: '/spec/template/spec/containers/0/args/1',
        label: 'spec.template.spec.containers[api].args[1]',
        op: 'replace',
        old: { value: '--b' },
        new: { value: '--c' },
      },
    ]);
    const longer = diffEnvironments(a, mk('c', portsB, '[--x, --a, --b]'), none);
    expect(longer.resources[0]!.changes).toEqual([
      {
        path: '/spec/template/spec/containers/0/args',
        label: 'spec.template.spec.containers[api].args',
        op: 'replace',
        old: { value: ['--a', '--b'] },
        new: { value: ['--x', '--a', '--b'] },
      },
    ]);
  });
});

describe('affixes from the kustomization chain', () => {
  it('strips each layer’s namePrefix/nameSuffix according to where the resource was declared', async () => {
    const { mkdtempSync, mkdirSync, writeFileSync, rmSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const root = mkdtempSync(join(tmpdir(), 'kcfg-diff-affix-'));
    try {
      const files: Record<string, string> = {
        'base/kustomization.yaml': 'namePrefix: app-\nresources: [configmap.yaml]\n',
        'overlays/staging/kustomization.yaml': 'namePrefix: stg-\nresources: [../../base, configmap.yaml]\n',
        'overlays/production/kustomization.yaml': 'nameSuffix: -prod\nresources: [../../base, configmap.yaml]\n',
      };
      for (const [f, t] of Object.entries(files)) {
        mkdirSync(join(root, f, '..'), { recursive: true });
        writeFileSync(join(root, f), t);
      }
      const mk = (env: string, names: [string, string][]) => {
        const e = envFromYaml(
          env,
          names.map(([n]) => configMap(n, { k: env === 'staging' ? '1' : '2' })).join('---\n'),
        );
        e.resources.forEach((r, i) => (r.origin = { type: 'file', file: names[i]![1] }));
        return e;
      };
      // Without the chain, "app-" is not recognisable as the base's prefix in staging.
      const a = mk('staging', [
        ['stg-app-api', 'base/configmap.yaml'],
        ['stg-extra', 'overlays/staging/configmap.yaml'],
      ]);
      const b = mk('production', [
        ['app-api-prod', 'base/configmap.yaml'],
        ['extra-prod', 'overlays/production/configmap.yaml'],
      ]);
      const d = diffEnvironments(a, b, { ignore: [], sensitive: [], root });
      expect(d.resources.map((r) => `${r.kind} ${r.id.name} ${r.a?.name}→${r.b?.name}`)).toEqual([
        'modified api stg-app-api→app-api-prod',
        'modified extra stg-extra→extra-prod',
      ]);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});

describe('credentials written into manifests', () => {
  const pod = (env: string, extraContainer = ''): string => `apiVersion: v1
kind: Pod
metadata:
  name: api
spec:
  containers:
    - name: app
      image: app:1
      env:
${env}${extraContainer}`;
  const canary = 'canary-hunter2-0x5f3759df';

  it('never shows the value of an env variable named like a credential, changed, added or inside a new container', () => {
    const a = envFromYaml(
      'a',
      pod(
        `        - name: LOG_LEVEL\n          value: info\n        - name: DB_PASSWORD\n          value: old-${canary}\n`,
      ),
    );
    const b = envFromYaml(
      'b',
      pod(
        `        - name: DB_PASSWORD\n          value: ${canary}\n        - name: LOG_LEVEL\n          value: debug\n        - name: API_TOKEN\n          value: tok-${canary}\n`,
        `    - name: sidecar\n      image: side:1\n      env:\n        - name: SIDECAR_SECRET\n          value: side-${canary}\n`,
      ),
    );
    const d = diffEnvironments(a, b, none);
    const sections = [{ title: 'a → b', status: 'changed' as const, diff: d }];
    for (const out of [formatJson(sections), formatText(sections, { color: false }), formatMarkdown(sections)])
      expect(out).not.toContain(canary);
    expect(JSON.stringify(d.resources.map((r) => r.changes))).not.toContain(canary);
    const changes = d.resources[0]!.changes;
    // What is not a credential is still shown.
    expect(changes.find((c) => c.label.includes('LOG_LEVEL'))).toMatchObject({
      old: { value: 'info' },
      new: { value: 'debug' },
    });
    expect(changes.find((c) => c.label.includes('DB_PASSWORD'))).toMatchObject({
      sensitive: true,
      old: { hash: expect.any(String) },
    });
  });
});
