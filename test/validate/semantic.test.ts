import { describe, expect, it } from 'vitest';
import { checkAllSemantics } from '../../scripts/validate/semantic/index.js';
import { CTX, deployment, resources, summary } from './helpers.js';

function check(yaml: string, ctx = CTX): string[] {
  return summary(checkAllSemantics(resources(yaml), ctx));
}

const APP = '      containers:\n        - name: app\n          image: nginx';

describe('workload selector matches template labels', () => {
  it.each([
    ['matchLabels subset', deployment(APP, { labels: '        app: web\n        tier: front' })],
    [
      'matchExpressions In',
      deployment(APP, { selector: '    matchExpressions:\n      - { key: app, operator: In, values: [web, api] }' }),
    ],
    [
      'matchExpressions NotIn/DoesNotExist',
      deployment(APP, {
        selector:
          '    matchExpressions:\n      - { key: app, operator: NotIn, values: [db] }\n      - { key: canary, operator: DoesNotExist }',
      }),
    ],
    ['StatefulSet', deployment(APP, { kind: 'StatefulSet' })],
    ['DaemonSet', deployment(APP, { kind: 'DaemonSet' })],
    ['ReplicaSet', deployment(APP, { kind: 'ReplicaSet' })],
  ])('passes: %s', (_, yaml) => {
    expect(check(yaml)).toEqual([]);
  });

  it.each([
    [
      'matchLabels value differs',
      deployment(APP, { labels: '        app: api' }),
      'semantic/selector-mismatch@/spec/selector/matchLabels/app',
    ],
    [
      'label missing',
      deployment(APP, { selector: '    matchLabels:\n      app.kubernetes.io/name: web' }),
      'semantic/selector-mismatch@/spec/selector/matchLabels/app.kubernetes.io~1name',
    ],
    [
      'expression In not met',
      deployment(APP, { selector: '    matchExpressions:\n      - { key: app, operator: In, values: [api] }' }),
      'semantic/selector-mismatch@/spec/selector/matchExpressions/0',
    ],
    [
      'expression Exists not met',
      deployment(APP, {
        selector: '    matchLabels: { app: web }\n    matchExpressions:\n      - { key: tier, operator: Exists }',
      }),
      'semantic/selector-mismatch@/spec/selector/matchExpressions/0',
    ],
    ['empty selector', deployment(APP, { selector: '    matchLabels: {}' }), 'semantic/selector-empty@/spec/selector'],
    [
      'StatefulSet mismatch',
      deployment(APP, { kind: 'StatefulSet', labels: '        app: other' }),
      'semantic/selector-mismatch@/spec/selector/matchLabels/app',
    ],
  ])('fails: %s', (_, yaml, expected) => {
    expect(check(yaml)).toEqual([expected]);
  });

  it('explains the mismatch', () => {
    const [f] = checkAllSemantics(resources(deployment(APP, { labels: '        app: api' })), CTX);
    expect(f!.message).toContain('template label app is "api", selector wants "web"');
  });

  const job = (spec: string): string => `apiVersion: batch/v1
kind: Job
metadata: { name: once }
spec:
${spec}
  template:
    metadata: { labels: { app: once } }
    spec:
      restartPolicy: Never
      containers: [{ name: run, image: busybox }]
`;
  it('Job selectors are generated unless manualSelector is set', () => {
    expect(check(job('  backoffLimit: 1'))).toEqual([]);
    expect(check(job('  selector: { matchLabels: { app: once } }'))).toEqual([
      'semantic/selector-manual@/spec/selector',
    ]);
    expect(check(job('  manualSelector: true\n  selector: { matchLabels: { app: once } }'))).toEqual([]);
    expect(check(job('  manualSelector: true\n  selector: { matchLabels: { app: twice } }'))).toEqual([
      'semantic/selector-mismatch@/spec/selector/matchLabels/app',
    ]);
  });

  it('checks the CronJob job template', () => {
    const cron = `apiVersion: batch/v1
kind: CronJob
metadata: { name: nightly }
spec:
  schedule: "@daily"
  jobTemplate:
    spec:
      manualSelector: true
      selector: { matchLabels: { app: nightly } }
      template:
        metadata: { labels: { app: nope } }
        spec:
          restartPolicy: Never
          containers: [{ name: run, image: busybox }, { name: run, image: busybox }]
`;
    expect(check(cron)).toEqual([
      'semantic/selector-mismatch@/spec/jobTemplate/spec/selector/matchLabels/app',
      'semantic/duplicate-container@/spec/jobTemplate/spec/template/spec/containers/1/name',
    ]);
  });
});

describe('containers, ports, volumes', () => {
  it('container names are unique across init, regular and ephemeral containers', () => {
    expect(
      check(
        deployment(
          '      initContainers: [{ name: setup, image: a }]\n      containers: [{ name: app, image: b }, { name: sidecar, image: c }]',
        ),
      ),
    ).toEqual([]);
    expect(
      check(deployment('      initContainers: [{ name: app, image: a }]\n      containers: [{ name: app, image: b }]')),
    ).toEqual(['semantic/duplicate-container@/spec/template/spec/containers/0/name']);
    const pod = `apiVersion: v1
kind: Pod
metadata: { name: p }
spec:
  containers: [{ name: app, image: b }]
  ephemeralContainers: [{ name: app, image: debug }]`;
    expect(check(pod)).toEqual(['semantic/duplicate-container@/spec/ephemeralContainers/0/name']);
  });

  it('port names unique per container; containerPort+protocol repeated is a warning', () => {
    const ok = deployment(`      containers:
        - name: app
          image: a
          ports: [{ name: http, containerPort: 80 }, { name: dns, containerPort: 53, protocol: UDP }, { name: dns-tcp, containerPort: 53 }]
        - name: side
          image: b
          ports: [{ name: http, containerPort: 8080 }]`);
    expect(check(ok)).toEqual([]);
    const bad = deployment(`      containers:
        - name: app
          image: a
          ports: [{ name: http, containerPort: 80 }, { name: http, containerPort: 81 }, { name: web, containerPort: 80, protocol: TCP }]`);
    const findings = checkAllSemantics(resources(bad), CTX);
    expect(summary(findings)).toEqual([
      'semantic/duplicate-port-name@/spec/template/spec/containers/0/ports/1/name',
      'semantic/duplicate-port@/spec/template/spec/containers/0/ports/2/containerPort',
    ]);
    expect(findings.map((f) => f.severity)).toEqual(['error', 'warning']);
  });

  it('hostPort+protocol is unique across the pod', () => {
    const bad = deployment(`      containers:
        - { name: a, image: a, ports: [{ containerPort: 80, hostPort: 8080 }] }
        - { name: b, image: b, ports: [{ containerPort: 81, hostPort: 8080 }, { containerPort: 82, hostPort: 8080, protocol: UDP }] }`);
    expect(check(bad)).toEqual(['semantic/duplicate-host-port@/spec/template/spec/containers/1/ports/0/hostPort']);
  });

  it('volume names are unique and mounts refer to declared volumes', () => {
    const ok = deployment(`      initContainers:
        - { name: init, image: a, volumeMounts: [{ name: data, mountPath: /data }] }
      containers:
        - { name: app, image: a, volumeMounts: [{ name: data, mountPath: /data }, { name: tmp, mountPath: /tmp }] }
      volumes: [{ name: data, emptyDir: {} }, { name: tmp, emptyDir: {} }]`);
    expect(check(ok)).toEqual([]);
    const sts = `${deployment('      containers: [{ name: app, image: a, volumeMounts: [{ name: data, mountPath: /data }] }]', { kind: 'StatefulSet' })}  volumeClaimTemplates:
    - metadata: { name: data }
      spec: { accessModes: [ReadWriteOnce], resources: { requests: { storage: 1Gi } } }
`;
    expect(check(sts)).toEqual([]);
    const bad = deployment(`      initContainers:
        - { name: init, image: a, volumeMounts: [{ name: cache, mountPath: /cache }] }
      containers:
        - { name: app, image: a, volumeMounts: [{ name: data, mountPath: /data }, { name: data, mountPath: /data }] }
      volumes: [{ name: data, emptyDir: {} }, { name: data, configMap: { name: x } }]`);
    expect(check(bad)).toEqual([
      'semantic/duplicate-volume@/spec/template/spec/volumes/1/name',
      'semantic/unknown-volume@/spec/template/spec/initContainers/0/volumeMounts/0/name',
      'semantic/duplicate-mount-path@/spec/template/spec/containers/0/volumeMounts/1/mountPath',
    ]);
  });
});

describe('environment variable names', () => {
  const withEnv = (name: string): string =>
    deployment(
      `      containers:\n        - name: app\n          image: a\n          env: [{ name: ${JSON.stringify(name)}, value: x }]`,
    );
  it.each(['HOME', 'my.var', '_x', '-dash', 'A1_b-c.d'])('accepts %s', (name) => {
    expect(check(withEnv(name), { kubernetesVersion: '1.30', complete: true })).toEqual([]);
  });
  it.each(['1ABC', 'A=B', 'has space', ''])('rejects %j before 1.32', (name) => {
    expect(check(withEnv(name), { kubernetesVersion: '1.30', complete: true })).toEqual([
      'semantic/env-name@/spec/template/spec/containers/0/env/0/name',
    ]);
  });
  it('from 1.32, printable names only warn, "=" still fails', () => {
    const relaxed = checkAllSemantics(resources(withEnv('1ABC')), { kubernetesVersion: '1.32', complete: true });
    expect(relaxed.map((f) => f.severity)).toEqual(['warning']);
    const eq = checkAllSemantics(resources(withEnv('A=B')), { kubernetesVersion: '1.32', complete: true });
    expect(eq.map((f) => f.severity)).toEqual(['error']);
  });
});

describe('HorizontalPodAutoscaler', () => {
  const hpa = (min: number, max: number, target = 'web', apiVersion = 'apps/v1'): string => `apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata: { name: web, namespace: shop }
spec:
  scaleTargetRef: { apiVersion: ${apiVersion}, kind: Deployment, name: ${target} }
  minReplicas: ${min}
  maxReplicas: ${max}
`;
  const target = deployment(APP).replace('  name: web', '  name: web\n  namespace: shop');
  it('passes with a present target and min ≤ max', () => {
    expect(check(`${hpa(2, 5)}---\n${target}`)).toEqual([]);
    expect(check(`${hpa(3, 3)}---\n${target}`)).toEqual([]);
  });
  it('fails when min > max or below 1', () => {
    expect(check(`${hpa(6, 5)}---\n${target}`)).toEqual(['semantic/hpa-replicas@/spec/minReplicas']);
    expect(check(`${hpa(0, 5)}---\n${target}`)).toEqual(['semantic/hpa-replicas@/spec/minReplicas']);
  });
  it('fails when the target is not in the environment (name, namespace or group differ)', () => {
    expect(check(`${hpa(1, 3, 'api')}---\n${target}`)).toEqual(['semantic/hpa-target@/spec/scaleTargetRef']);
    expect(check(`${hpa(1, 3)}---\n${deployment(APP)}`)).toEqual(['semantic/hpa-target@/spec/scaleTargetRef']);
    expect(check(`${hpa(1, 3, 'web', 'argoproj.io/v1alpha1')}---\n${target}`)).toEqual([
      'semantic/hpa-target@/spec/scaleTargetRef',
    ]);
  });
  it('a missing target in a plain file is only a warning', () => {
    const [f] = checkAllSemantics(resources(hpa(1, 3)), { kubernetesVersion: '1.32', complete: false });
    expect(f!.severity).toBe('warning');
  });
});

describe('PodDisruptionBudget', () => {
  const pdb = (spec: string): string =>
    `apiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata: { name: web }\nspec:\n  selector: { matchLabels: { app: web } }\n${spec}\n`;
  it.each(['  minAvailable: 1', '  maxUnavailable: "25%"', '  minAvailable: 0'])('passes: %s', (spec) =>
    expect(check(pdb(spec))).toEqual([]),
  );
  it.each([
    ['  minAvailable: 1\n  maxUnavailable: 1', 'semantic/pdb-budget@/spec/maxUnavailable'],
    ['  minAvailable: "150%"', 'semantic/pdb-budget@/spec/minAvailable'],
    ['  maxUnavailable: half', 'semantic/pdb-budget@/spec/maxUnavailable'],
    ['  unhealthyPodEvictionPolicy: AlwaysAllow', 'semantic/pdb-budget@/spec'],
  ])('fails: %j', (spec, expected) => expect(check(pdb(spec))).toEqual([expected]));
});

describe('Service ports', () => {
  const svc = (ports: string): string =>
    `apiVersion: v1\nkind: Service\nmetadata: { name: web }\nspec:\n  selector: { app: web }\n  ports:\n${ports}\n`;
  it('passes one unnamed port, or several named ones, or same port on two protocols', () => {
    expect(check(svc('    - port: 80'))).toEqual([]);
    expect(check(svc('    - { name: http, port: 80 }\n    - { name: https, port: 443 }'))).toEqual([]);
    expect(
      check(svc('    - { name: dns, port: 53, protocol: UDP }\n    - { name: dns-tcp, port: 53, protocol: TCP }')),
    ).toEqual([]);
  });
  it('fails on duplicates and missing names', () => {
    expect(check(svc('    - { name: http, port: 80 }\n    - { name: http, port: 80 }'))).toEqual([
      'semantic/service-ports@/spec/ports/1/name',
      'semantic/service-ports@/spec/ports/1/port',
    ]);
    expect(check(svc('    - { name: http, port: 80 }\n    - { port: 443 }'))).toEqual([
      'semantic/service-ports@/spec/ports/1',
    ]);
    expect(
      check(svc('    - { name: a, port: 80, nodePort: 30080 }\n    - { name: b, port: 81, nodePort: 30080 }')),
    ).toEqual(['semantic/service-ports@/spec/ports/1/nodePort']);
  });
});

describe('Ingress paths', () => {
  const ingress = (paths: string): string => `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: { name: web }
spec:
  rules:
    - host: example.com
      http:
        paths:
${paths}
`;
  const backend = 'backend: { service: { name: web, port: { number: 80 } } }';
  it('passes paths with a pathType', () => {
    expect(
      check(
        ingress(
          `          - { path: /, pathType: Prefix, ${backend} }\n          - { path: /api, pathType: Exact, ${backend} }`,
        ),
      ),
    ).toEqual([]);
  });
  it('fails without pathType, with an unknown one, or with a relative Prefix path', () => {
    expect(check(ingress(`          - { path: /, ${backend} }`))).toEqual([
      'semantic/ingress-path-type@/spec/rules/0/http/paths/0',
    ]);
    expect(check(ingress(`          - { path: /, pathType: Regex, ${backend} }`))).toEqual([
      'semantic/ingress-path-type@/spec/rules/0/http/paths/0/pathType',
    ]);
    expect(check(ingress(`          - { path: api, pathType: Prefix, ${backend} }`))).toEqual([
      'semantic/ingress-path-type@/spec/rules/0/http/paths/0/path',
    ]);
  });
});
