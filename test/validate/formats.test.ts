import { describe, expect, it } from 'vitest';
import {
  checkFormats,
  configMapKeyProblem,
  cronScheduleProblem,
  ianaSvcNameProblem,
  isDns1035Label,
  isDns1123Label,
  isDns1123Subdomain,
  isQuantity,
  labelValueProblem,
  nameRuleFor,
  qualifiedKeyProblem,
} from '../../scripts/validate/formats/index.js';
import { annotationsSize } from '../../scripts/validate/formats/labels.js';
import { deployment, resource, summary } from './helpers.js';

describe('quantities', () => {
  it.each([
    '1',
    '0',
    '100m',
    '0.5',
    '.5',
    '1.',
    '1Gi',
    '128Mi',
    '1G',
    '1k',
    '1e3',
    '1E-3',
    '2Ei',
    '1E',
    '+1',
    '-1',
    '1.5Gi',
    '10n',
    '3u',
  ])('accepts %s', (q) => {
    expect(isQuantity(q)).toBe(true);
  });
  it.each(['1Gb', '0.5.1', '100mi', '', 'Gi', '1 Gi', '1GiB', '1K', 'e3', '1e', '1ki', '--1', '1.2.3Mi', '0x10'])(
    'rejects %s',
    (q) => {
      expect(isQuantity(q)).toBe(false);
    },
  );
  it('accepts YAML numbers', () => {
    expect(isQuantity(2)).toBe(true);
    expect(isQuantity(0.25)).toBe(true);
  });
});

describe('names', () => {
  it.each([
    ['web', true, true, true],
    ['web-1', true, true, true],
    ['1web', true, true, false],
    ['web.example', false, true, false],
    ['Web', false, false, false],
    ['-web', false, false, false],
    ['web-', false, false, false],
    ['a'.repeat(63), true, true, true],
    ['a'.repeat(64), false, true, false],
  ])('%s: label %s, subdomain %s, 1035 %s', (name, label, subdomain, l1035) => {
    expect(isDns1123Label(name)).toBe(label);
    expect(isDns1123Subdomain(name)).toBe(subdomain);
    expect(isDns1035Label(name)).toBe(l1035);
  });
  it('limits subdomains to 253 characters', () => {
    const part = 'a'.repeat(50);
    expect(isDns1123Subdomain([part, part, part, part, 'a'.repeat(49)].join('.'))).toBe(true);
    expect(isDns1123Subdomain([part, part, part, part, part].join('.'))).toBe(false);
  });
  it('picks the rule per kind', () => {
    expect(nameRuleFor('', 'Service').rule).toBe('dns1035-label');
    expect(nameRuleFor('', 'Namespace').rule).toBe('dns1123-label');
    expect(nameRuleFor('apps', 'Deployment').rule).toBe('dns1123-subdomain');
    expect(nameRuleFor('rbac.authorization.k8s.io', 'ClusterRole').rule).toBe('path-segment');
    expect(nameRuleFor('batch', 'CronJob').max).toBe(52);
  });
  it.each([
    ['config.yaml', true],
    ['.env', true],
    ['a_b-c.d', true],
    ['..data', false],
    ['..', false],
    ['a/b', false],
    ['a b', false],
  ])('ConfigMap key %s valid=%s', (key, ok) => {
    expect(configMapKeyProblem(key) === undefined).toBe(ok);
  });
});

describe('labels and annotations', () => {
  it.each([
    ['app', true],
    ['app.kubernetes.io/name', true],
    ['example.com/a_b.c-d', true],
    ['A1', true],
    ['/name', false],
    ['Example.com/name', false],
    ['example.com/', false],
    ['-app', false],
    ['app_', false],
    ['a/b/c', false],
    ['x'.repeat(64), false],
    [`${'p'.repeat(254)}/n`, false],
  ])('key %s valid=%s', (key, ok) => {
    expect(qualifiedKeyProblem(key) === undefined).toBe(ok);
  });
  it.each([
    ['', true],
    ['web', true],
    ['v1.2.3_rc-1', true],
    ['-web', false],
    ['web.', false],
    ['a b', false],
    ['x'.repeat(64), false],
  ])('value %j valid=%s', (value, ok) => {
    expect(labelValueProblem(value) === undefined).toBe(ok);
  });
  it('counts annotation bytes', () => {
    expect(annotationsSize({ a: 'bc' })).toBe(3);
    const big = 'é'.repeat(100_000);
    expect(annotationsSize({ k: big })).toBe(1 + 200_000);
  });
});

describe('IANA service names', () => {
  it.each(['http', 'http-alt', 'h2c', 'a'.repeat(15), 'x1'])('accepts %s', (n) =>
    expect(ianaSvcNameProblem(n)).toBeUndefined(),
  );
  it.each(['HTTP', '8080', 'http--alt', '-http', 'http-', 'a'.repeat(16), 'http_alt', ''])('rejects %j', (n) =>
    expect(ianaSvcNameProblem(n)).toBeDefined(),
  );
});

describe('CronJob schedules', () => {
  it.each([
    '*/5 * * * *',
    '0 0 * * *',
    '0 9-17/2 * * MON-FRI',
    '15,45 * 1,15 JAN,jul *',
    '0 0 ? * sun',
    '5/10 * * * *',
    '0  0  *  *  6',
    '@hourly',
    '@daily',
    '@midnight',
    '@weekly',
    '@monthly',
    '@yearly',
    '@annually',
    '@every 1h30m',
  ])('accepts %s', (s) => expect(cronScheduleProblem(s)).toBeUndefined());
  it.each([
    ['* * * *', /4 fields/],
    ['* * * * * *', /6 fields/],
    ['60 * * * *', /above 59/],
    ['* 24 * * *', /above 23/],
    ['* * 0 * *', /below 1/],
    ['* * * 13 *', /above 12/],
    ['* * * * 7', /above 6/],
    ['* * * FOO *', /not a number or name/],
    ['*/0 * * * *', /positive/],
    ['5-1 * * * *', /backwards/],
    ['1-2-3 * * * *', /too many '-'/],
    ['@reboot', /unknown descriptor/],
    ['@every soon', /not a duration/],
    ['CRON_TZ=UTC 0 0 * * *', /spec\.timeZone/],
    ['TZ=Europe/Paris 0 0 * * *', /spec\.timeZone/],
    ['', /empty/],
  ])('rejects %j', (s, why) => expect(cronScheduleProblem(s)).toMatch(why));
});

describe('checkFormats', () => {
  it('passes a clean Deployment', () => {
    const r = resource(
      deployment(`      containers:
        - name: app
          image: nginx
          ports:
            - name: http
              containerPort: 8080
          readinessProbe:
            httpGet: { port: http, path: / }
          resources:
            requests: { cpu: 100m, memory: 128Mi }
            limits: { cpu: 1, memory: 1Gi }
      volumes:
        - name: cache
          emptyDir: { sizeLimit: 1Gi }`),
    );
    expect(checkFormats(r)).toEqual([]);
  });

  it('reports each bad field with its pointer', () => {
    const r = resource(
      deployment(
        `      containers:
        - name: App_1
          image: nginx
          ports:
            - name: HTTP
              containerPort: 70000
          livenessProbe:
            tcpSocket: { port: "8080" }
          resources:
            requests: { memory: 1Gb, cpu: "-1" }
      volumes:
        - name: Cache
          emptyDir: { sizeLimit: 100mi }`,
        { labels: '        app: web\n        bad/key/x: "-no"' },
      ),
    );
    expect(summary(checkFormats(r)).sort()).toEqual(
      [
        'format/label-key@/spec/template/metadata/labels/bad~1key~1x',
        'format/label-value@/spec/template/metadata/labels/bad~1key~1x',
        'format/name@/spec/template/spec/containers/0/name',
        'format/port-name@/spec/template/spec/containers/0/ports/0/name',
        'format/port@/spec/template/spec/containers/0/ports/0/containerPort',
        'format/port@/spec/template/spec/containers/0/livenessProbe/tcpSocket/port',
        'format/quantity@/spec/template/spec/containers/0/resources/requests/memory',
        'format/quantity@/spec/template/spec/containers/0/resources/requests/cpu',
        'format/name@/spec/template/spec/volumes/0/name',
        'format/quantity@/spec/template/spec/volumes/0/emptyDir/sizeLimit',
      ].sort(),
    );
  });

  it('applies per-kind name rules', () => {
    const svc = resource('apiVersion: v1\nkind: Service\nmetadata: { name: 1web }\nspec: { ports: [{ port: 80 }] }');
    expect(summary(checkFormats(svc))).toEqual(['format/name@/metadata/name']);
    const cm = resource(
      'apiVersion: v1\nkind: ConfigMap\nmetadata: { name: web.config }\ndata: { "app.yaml": x, "..bad": y }',
    );
    expect(summary(checkFormats(cm))).toEqual(['format/data-key@/data/..bad']);
    const ns = resource('apiVersion: v1\nkind: Namespace\nmetadata: { name: team.a }');
    expect(summary(checkFormats(ns))).toEqual(['format/name@/metadata/name']);
    const role = resource(
      'apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata: { name: "system:reader" }',
    );
    expect(checkFormats(role)).toEqual([]);
    const cron = resource(
      `apiVersion: batch/v1\nkind: CronJob\nmetadata: { name: ${'c'.repeat(53)} }\nspec:\n  schedule: "0 0 * * *"\n  jobTemplate: { spec: { template: { spec: { containers: [] } } } }`,
    );
    expect(summary(checkFormats(cron))).toEqual(['format/name@/metadata/name']);
  });

  it('checks Service ports: numbers, names, string targetPorts', () => {
    const svc = resource(`apiVersion: v1
kind: Service
metadata: { name: web }
spec:
  selector: { app: web }
  ports:
    - { name: http, port: 80, targetPort: http }
    - { name: Metrics, port: 0, targetPort: "9090" }
    - { name: grpc, port: 9000, targetPort: 9000, nodePort: 70000 }`);
    expect(summary(checkFormats(svc))).toEqual([
      'format/port@/spec/ports/1/port',
      'format/port@/spec/ports/1/targetPort',
      'format/port-name@/spec/ports/1/name',
      'format/port@/spec/ports/2/nodePort',
    ]);
  });

  it('checks the CronJob schedule and its pod template', () => {
    const cron = resource(`apiVersion: batch/v1
kind: CronJob
metadata: { name: backup }
spec:
  schedule: "CRON_TZ=UTC 0 3 * * *"
  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: OnFailure
          containers:
            - name: backup
              image: busybox
              resources: { limits: { memory: 0.5.1 } }`);
    expect(summary(checkFormats(cron))).toEqual([
      'format/quantity@/spec/jobTemplate/spec/template/spec/containers/0/resources/limits/memory',
      'format/cron-schedule@/spec/schedule',
    ]);
  });

  it('checks selector expressions', () => {
    const r = resource(
      deployment('      containers: [{ name: app, image: nginx }]', {
        selector:
          '    matchExpressions:\n      - { key: app, operator: In, values: [] }\n      - { key: tier, operator: Exists, values: [x] }\n      - { key: t, operator: Has }',
      }),
    );
    expect(summary(checkFormats(r))).toEqual([
      'format/selector@/spec/selector/matchExpressions/0/values',
      'format/selector@/spec/selector/matchExpressions/1/values',
      'format/selector@/spec/selector/matchExpressions/2/operator',
    ]);
  });

  it('checks quantities in ResourceQuota, LimitRange and PVC', () => {
    const rs = [
      resource(
        'apiVersion: v1\nkind: ResourceQuota\nmetadata: { name: q }\nspec: { hard: { requests.cpu: "10", limits.memory: 10Gb } }',
      ),
      resource(
        'apiVersion: v1\nkind: LimitRange\nmetadata: { name: l }\nspec: { limits: [{ type: Container, max: { cpu: 2x } }] }',
      ),
      resource(
        'apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata: { name: p }\nspec: { resources: { requests: { storage: 10gi } } }',
      ),
    ];
    expect(rs.flatMap((r) => summary(checkFormats(r)))).toEqual([
      'format/quantity@/spec/hard/limits.memory',
      'format/quantity@/spec/limits/0/max/cpu',
      'format/quantity@/spec/resources/requests/storage',
    ]);
  });

  it('names the fix for a common suffix mistake', () => {
    const r = resource(
      deployment('      containers: [{ name: app, image: nginx, resources: { limits: { memory: 1Gb } } }]'),
    );
    expect(checkFormats(r)[0]!.message).toMatch(/use G or Gi instead of Gb/);
  });

  it('checks annotation keys case-insensitively, label keys strictly', () => {
    const r = resource(
      'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n  annotations: { Example.com/Note: x, "bad key": y }\n  labels: { Example.com/app: x }',
    );
    expect(summary(checkFormats(r))).toEqual([
      'format/label-key@/metadata/labels/Example.com~1app',
      'format/annotation-key@/metadata/annotations/bad key',
    ]);
  });

  it('limits total annotation size', () => {
    const r = resource(
      `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: big\n  annotations:\n    a: "${'x'.repeat(200_000)}"\n    b: "${'x'.repeat(70_000)}"`,
    );
    expect(summary(checkFormats(r))).toEqual(['format/annotations-size@/metadata/annotations']);
  });
});
