// `kcfg check FILE|-` and `kcfg policy FILE...|-`: rendered manifests (as `helm template … | kcfg check -`
// gives them) through the real binary, with an environment's settings chosen by --env.

import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectNoCrash, kcfg, REPO, sandbox } from './helpers.js';

const box = sandbox('kcfg-plain-');

const CANARY = 'canary-plain-input-7731';

/** A namespace that enforces restricted, and a List holding a Deployment that breaks it (and leaks a token). */
const MANIFEST = `apiVersion: v1
kind: Namespace
metadata:
  name: shop
  labels:
    pod-security.kubernetes.io/enforce: restricted
---
apiVersion: v1
kind: List
items:
  - apiVersion: apps/v1
    kind: Deployment
    metadata:
      name: web
      namespace: shop
      annotations:
        kcfg.dev/exempt.pod-security-admission: "needs NET_ADMIN for the VPN"
    spec:
      selector: { matchLabels: { app: web } }
      template:
        metadata: { labels: { app: web } }
        spec:
          containers:
            - name: app
              image: ghcr.io/example-org/relay:1.5.0
              env:
                - name: API_TOKEN
                  value: ${CANARY}
              securityContext:
                capabilities: { add: [NET_ADMIN] }
---
apiVersion: v1
kind: Secret
metadata: { name: db, namespace: shop }
stringData: { password: ${CANARY} }
`;

interface Doc {
  environments: { name: string; resources: number }[];
  diagnostics: { code: string; severity: string; message: string; source?: { file: string; line: number } }[];
}

const lineOf = (text: string, needle: string): number => text.split('\n').findIndex((l) => l.includes(needle)) + 1;

describe('kcfg check and kcfg policy on manifest files and stdin', () => {
  it('check -: schemas and policies at the input’s lines, List items expanded, no value printed', async () => {
    const run = await kcfg(['check', '-', '--format', 'json'], { env: box.env, input: MANIFEST });
    expectNoCrash(run);
    expect(run.code).toBe(1);
    expect(run.stdout + run.stderr).not.toContain(CANARY);
    const doc = JSON.parse(run.stdout) as Doc;
    expect(doc.environments).toEqual([expect.objectContaining({ name: '<stdin>', resources: 3 })]);
    const at = (code: string): (number | undefined)[] =>
      doc.diagnostics.filter((d) => d.code === code).map((d) => d.source?.line);
    expect(at('policy/pod-security-admission')).toContain(lineOf(MANIFEST, 'add: [NET_ADMIN]'));
    expect(at('policy/exemption-forbidden')).toEqual([lineOf(MANIFEST, 'kcfg.dev/exempt.pod-security-admission')]);
    expect(at('policy/env-literal-credentials')).toEqual([lineOf(MANIFEST, `value: ${CANARY}`)]);
    expect(doc.diagnostics.every((d) => d.source?.file === '<stdin>')).toBe(true);

    const text = await kcfg(['check', '-'], { env: box.env, input: MANIFEST });
    expect(text.stdout).toContain('value: <hidden>');
    expect(text.stdout + text.stderr).not.toContain(CANARY);
  });

  it('policy FILE FILE: each file its own input, policies only', async () => {
    const a = join(box.tmp, 'a.yaml');
    const b = join(box.tmp, 'b.yaml');
    writeFileSync(a, MANIFEST);
    writeFileSync(
      b,
      'apiVersion: v1\nkind: Service\nmetadata: { name: edge, namespace: shop }\nspec:\n  type: NodePort\n  ports: [{ port: 80 }]\n',
    );
    const run = await kcfg(['policy', a, b, '--format', 'json'], { env: box.env, cwd: box.tmp });
    expectNoCrash(run);
    expect(run.code).toBe(1);
    const doc = JSON.parse(run.stdout) as Doc;
    expect(doc.environments.map((e) => e.name)).toEqual(['a.yaml', 'b.yaml']);
    expect(doc.diagnostics.every((d) => d.code.startsWith('policy/'))).toBe(true);
    expect(doc.diagnostics.find((d) => d.code === 'policy/service-type')).toMatchObject({
      source: { file: 'b.yaml', line: 5 },
    });
  });

  it('--env NAME applies that environment’s settings; an unknown name is a usage error', async () => {
    // This repository's policies/config.yaml makes liveness-probe an error in production only.
    const file = join(box.tmp, 'web.yaml');
    writeFileSync(
      file,
      'apiVersion: apps/v1\nkind: Deployment\nmetadata: { name: web, namespace: relay }\nspec:\n  selector: { matchLabels: { app: web } }\n  template:\n    metadata: { labels: { app: web } }\n    spec: { containers: [{ name: app, image: ghcr.io/example-org/relay:1.5.0 }] }\n',
    );
    const severity = async (name: string): Promise<string | undefined> => {
      const run = await kcfg(['policy', file, '--env', name, '--format', 'json'], { env: box.env, cwd: REPO });
      expectNoCrash(run);
      return (JSON.parse(run.stdout) as Doc).diagnostics.find((d) => d.code === 'policy/liveness-probe')?.severity;
    };
    expect(await severity('production')).toBe('error');
    expect(await severity('staging')).toBe('warning');
    const bad = await kcfg(['policy', file, '--env', 'prod'], { env: box.env, cwd: REPO });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/unknown environment "prod"[\s\S]*environments are: staging, production/);
  });

  it('file inputs and environment selectors do not mix; a missing file is named', async () => {
    const mixed = await kcfg(['check', '-', '--changed'], { env: box.env, input: MANIFEST });
    expect(mixed.code).toBe(2);
    expect(mixed.stderr).toContain('cannot be combined with manifest files');
    const missing = await kcfg(['check', 'nope.yaml'], { env: box.env, cwd: box.tmp });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('cannot read nope.yaml: no such file');
  });
});

describe('kcfg policies --kinds', () => {
  it('lists the kinds whose pods are read, and a rendered kind whose containers are not (exit 1)', async () => {
    const repo = join(box.tmp, 'kinds-repo');
    mkdirSync(join(repo, 'app'), { recursive: true });
    writeFileSync(join(repo, 'app/kustomization.yaml'), 'resources:\n  - workflow.yaml\n  - rollout.yaml\n');
    writeFileSync(
      join(repo, 'app/workflow.yaml'),
      'apiVersion: argoproj.io/v1alpha1\nkind: Workflow\nmetadata: { name: nightly }\nspec:\n  templates:\n    - name: main\n      container: { image: alpine:3.20 }\n',
    );
    writeFileSync(
      join(repo, 'app/rollout.yaml'),
      'apiVersion: argoproj.io/v1alpha1\nkind: Rollout\nmetadata: { name: web }\nspec:\n  template:\n    spec: { containers: [{ name: app, image: nginx:1.27 }] }\n',
    );
    const run = await kcfg(['policies', '--kinds'], { env: box.env, cwd: repo });
    expectNoCrash(run);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^argoproj\.io\/Rollout\s+\/spec\/template\/spec\s+1\s+read$/m);
    expect(run.stdout).toMatch(
      /^argoproj\.io\/Workflow\s+\/spec\/templates\/0\/container\s+1\s+NOT READ: containers outside a pod template$/m,
    );
    const json = await kcfg(['policies', '--kinds', '--format', 'json'], { env: box.env, cwd: repo });
    expect(JSON.parse(json.stdout)).toMatchObject({
      kinds: expect.arrayContaining([
        { kind: 'batch/CronJob', pointer: '/spec/jobTemplate/spec/template/spec', status: 'known', count: 0 },
      ]),
    });
  });
});
