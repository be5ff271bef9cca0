import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../scripts/core/errors.js';
import { createSchemaValidator } from '../../scripts/validate/schema/index.js';
import { DEPLOYMENT, one, resources } from './helpers.js';

const v135 = () => createSchemaValidator({ kubernetesVersion: '1.35', allowUnknownKinds: [] });

function codes(findings: { code: string; pointer?: string }[]): string[] {
  return findings.map((f) => `${f.code} ${f.pointer}`);
}

describe('built-in kinds', () => {
  const cases: { name: string; edit: (y: string) => string; expected: string[]; message?: RegExp }[] = [
    { name: 'valid Deployment (int-or-string both ways, null creationTimestamp)', edit: (y) => y, expected: [] },
    {
      name: 'unknown field points at the unknown key',
      edit: (y) =>
        y.replace('          image: nginx:1.27', '          image: nginx:1.27\n          imagePullPolicyy: Always'),
      expected: ['schema/unknown-field /spec/template/spec/containers/0/imagePullPolicyy'],
      message: /unknown field spec\.template\.spec\.containers\[0\]\.imagePullPolicyy/,
    },
    {
      name: 'wrong type',
      edit: (y) => y.replace('replicas: 2', 'replicas: "2"'),
      expected: ['schema/type /spec/replicas'],
      message: /spec\.replicas must be integer, not string/,
    },
    {
      name: 'missing required field points at the parent',
      edit: (y) => y.replace(/ {2}selector:\n {4}matchLabels:\n {6}app.kubernetes.io\/name: web\n/, ''),
      expected: ['schema/required /spec'],
      message: /missing required field spec\.selector/,
    },
    {
      name: 'int-or-string rejects other types',
      edit: (y) => y.replace('maxSurge: 25%', 'maxSurge: true'),
      expected: ['schema/type /spec/strategy/rollingUpdate/maxSurge'],
      message: /must be integer or string, not boolean/,
    },
    {
      name: 'quantity accepts numbers and strings, not objects',
      edit: (y) => y.replace('cpu: 1\n', 'cpu: {}\n'),
      expected: ['schema/type /spec/template/spec/containers/0/resources/limits/cpu'],
    },
    {
      name: 'enum-free strings stay free',
      edit: (y) => y.replace('nginx:1.27', 'registry.example.com/nginx@sha256:abc'),
      expected: [],
    },
    {
      name: 'date-time format is checked',
      edit: (y) => y.replace('creationTimestamp: null', 'creationTimestamp: yesterday'),
      expected: ['schema/format /metadata/creationTimestamp'],
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const findings = v135().validate(one(c.edit(DEPLOYMENT)));
      expect(codes(findings)).toEqual(c.expected);
      if (c.message) expect(findings[0]!.message).toMatch(c.message);
      for (const f of findings) expect(f.severity).toBe('error');
    });
  }

  it('reports every problem of one object', () => {
    const findings = v135().validate(
      one(DEPLOYMENT.replace('replicas: 2', 'replicas: x\n  paused: 3').replace('- name: web\n', '- nam: web\n')),
    );
    expect(codes(findings).sort()).toEqual(
      [
        'schema/type /spec/replicas',
        'schema/type /spec/paused',
        'schema/required /spec/template/spec/containers/0',
        'schema/unknown-field /spec/template/spec/containers/0/nam',
      ].sort(),
    );
  });

  it('never puts a Secret value in a message', () => {
    const secret = one(
      `apiVersion: v1\nkind: Secret\nmetadata:\n  name: s\ndata:\n  password: 123456789\nstringData:\n  token: [hunter2-secret]\n`,
    );
    const findings = v135().validate(secret);
    expect(codes(findings).sort()).toEqual(['schema/type /data/password', 'schema/type /stringData/token']);
    for (const f of findings) expect(f.message).not.toMatch(/123456789|hunter2/);
  });

  it('uses the schemas of the target version', () => {
    const cronV1beta1 = one(
      `apiVersion: batch/v1beta1\nkind: CronJob\nmetadata:\n  name: c\nspec:\n  schedule: "* * * * *"\n  jobTemplate: {}\n`,
    );
    const [finding] = createSchemaValidator({ kubernetesVersion: 'v1.32.3', allowUnknownKinds: [] }).validate(
      cronV1beta1,
    );
    expect(finding?.code).toBe('schema/no-schema');
    expect(finding?.hint).toMatch(/serves CronJob as batch\/v1/);
  });

  it('refuses a version without schemas', () => {
    expect(() => createSchemaValidator({ kubernetesVersion: '1.19', allowUnknownKinds: [] })).toThrow(ConfigError);
    expect(() => createSchemaValidator({ kubernetesVersion: 'latest', allowUnknownKinds: [] })).toThrow(ConfigError);
  });
});

describe('unknown kinds fail closed', () => {
  const widget = `apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w\nspec:\n  size: 3\n`;
  it('is an error by default', () => {
    const findings = v135().validate(one(widget));
    expect(codes(findings)).toEqual(['schema/no-schema /kind']);
    expect(findings[0]!.message).toBe('no schema for example.com/v1 Widget (Kubernetes 1.35)');
  });
  for (const allow of ['Widget', 'example.com/Widget', 'example.com/v1/Widget']) {
    it(`passes when allowUnknownKinds has ${allow}`, () => {
      expect(
        createSchemaValidator({ kubernetesVersion: '1.35', allowUnknownKinds: [allow] }).validate(one(widget)),
      ).toEqual([]);
    });
  }
  it('is not allowed by an entry for another group', () => {
    expect(
      createSchemaValidator({ kubernetesVersion: '1.35', allowUnknownKinds: ['other.io/Widget'] }).validate(
        one(widget),
      ),
    ).toHaveLength(1);
  });
});

describe('bundled CRDs', () => {
  const certificate = `apiVersion: cert-manager.io/v1
kind: Certificate
metadata:
  name: web-tls
  namespace: shop
spec:
  secretName: web-tls
  dnsNames: [shop.example.com]
  duration: 2160h
  privateKey:
    rotationPolicy: Always
  issuerRef:
    name: letsencrypt
    kind: ClusterIssuer
`;
  it('validates a Certificate', () => {
    expect(v135().validate(one(certificate))).toEqual([]);
  });
  it('is strict about Certificate fields and types', () => {
    const bad = certificate
      .replace('  secretName: web-tls\n', '  secretNam: web-tls\n')
      .replace('dnsNames: [shop.example.com]', 'dnsNames: shop.example.com');
    expect(codes(v135().validate(one(bad))).sort()).toEqual([
      'schema/required /spec',
      'schema/type /spec/dnsNames',
      'schema/unknown-field /spec/secretNam',
    ]);
  });
  it('validates custom resource metadata as ObjectMeta', () => {
    const bad = certificate.replace('  namespace: shop\n', '  namespace: shop\n  labelz: {}\n');
    expect(codes(v135().validate(one(bad)))).toEqual(['schema/unknown-field /metadata/labelz']);
  });

  const issuer = (venafi: string) => `apiVersion: cert-manager.io/v1
kind: Issuer
metadata:
  name: venafi
spec:
  venafi:
    zone: devops
${venafi}`;
  it('evaluates CEL rules', () => {
    const ok = issuer(
      '    tpp:\n      url: https://tpp.example.com/vedsdk\n      credentialsRef:\n        name: tpp-creds\n',
    );
    expect(v135().validate(one(ok))).toEqual([]);
    const both = issuer(
      '    tpp:\n      url: https://tpp.example.com/vedsdk\n      credentialsRef:\n        name: tpp-creds\n    cloud:\n      apiTokenSecretRef:\n        name: token\n',
    );
    const findings = v135().validate(one(both));
    expect(codes(findings)).toEqual(['schema/cel /spec/venafi']);
    expect(findings[0]!.message).toBe('exactly one of tpp, cloud, or ngts must be configured');
  });
  it('honours preserve-unknown-fields inside a strict CRD', () => {
    const webhook = `apiVersion: cert-manager.io/v1
kind: Issuer
metadata:
  name: acme
spec:
  acme:
    server: https://acme.example.com/directory
    privateKeySecretRef:
      name: acme-key
    solvers:
      - dns01:
          webhook:
            groupName: acme.example.com
            solverName: example
            config:
              anything: [1, two]
              nested: {deep: true}
`;
    expect(v135().validate(one(webhook))).toEqual([]);
    expect(codes(v135().validate(one(webhook.replace('solverName: example', 'solverNam: example'))))).toEqual([
      'schema/required /spec/acme/solvers/0/dns01/webhook',
      'schema/unknown-field /spec/acme/solvers/0/dns01/webhook/solverNam',
    ]);
  });
});

describe('CRDs from the same render', () => {
  const crd = `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: widgets.example.com
spec:
  group: example.com
  names: {kind: Widget, plural: widgets, singular: widget, listKind: WidgetList}
  scope: Namespaced
  versions:
    - name: v1
      served: true
      storage: true
      schema:
        openAPIV3Schema:
          type: object
          properties:
            spec:
              type: object
              required: [size]
              x-kubernetes-validations:
                - rule: self.size <= self.maxSize
                  message: size must not exceed maxSize
                - rule: self.size >= oldSelf.size
                  message: size may only grow
              properties:
                size: {type: integer, minimum: 1}
                maxSize: {type: integer, default: 10}
                mode: {type: string, enum: [fast, safe]}
                budget: {x-kubernetes-int-or-string: true, anyOf: [{type: integer}, {type: string}]}
                extra:
                  type: object
                  x-kubernetes-preserve-unknown-fields: true
                template:
                  type: object
                  x-kubernetes-embedded-resource: true
                  x-kubernetes-preserve-unknown-fields: true
    - name: v1alpha1
      served: false
      storage: false
      schema:
        openAPIV3Schema: {type: object}
`;
  const widget = (spec: string) =>
    `---\napiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w\n  namespace: shop\nspec:\n${spec}`;
  const good =
    '  size: 2\n  maxSize: 4\n  mode: fast\n  budget: 50%\n  extra: {whatever: [1]}\n  template:\n    apiVersion: v1\n    kind: ConfigMap\n    metadata: {name: x}\n    anything: goes\n';

  it('validates the custom resources against the CRD', () => {
    const rs = resources(crd + widget(good));
    const v = v135();
    expect(v.validateAll(rs)).toEqual([]);
    const skipped = v.skippedCelRules();
    expect(skipped).toHaveLength(1);
    expect(skipped[0]).toMatchObject({
      kind: 'example.com/v1/Widget',
      path: '/spec',
      rule: 'self.size >= oldSelf.size',
    });
    expect(skipped[0]!.reason).toMatch(/oldSelf/);
  });

  const bad: [string, string, string[]][] = [
    ['unknown field', good + '  colour: red\n', ['schema/unknown-field /spec/colour']],
    ['missing required', good.replace('  size: 2\n', ''), ['schema/required /spec']],
    ['minimum', good.replace('size: 2', 'size: 0'), ['schema/minimum /spec/size']],
    ['enum', good.replace('mode: fast', 'mode: slow'), ['schema/enum /spec/mode']],
    ['int-or-string', good.replace('budget: 50%', 'budget: [1]'), ['schema/type /spec/budget']],
    ['embedded resource needs kind', good.replace('    kind: ConfigMap\n', ''), ['schema/required /spec/template']],
    ['CEL rule', good.replace('size: 2', 'size: 5'), ['schema/cel /spec']],
  ];
  for (const [name, spec, expected] of bad) {
    it(`reports ${name}`, () => {
      const rs = resources(crd + widget(spec));
      expect(codes(v135().validateAll(rs))).toEqual(expected);
    });
  }

  it('does not leak a render CRD into another validator', () => {
    const rs = resources(crd + widget(good));
    v135().registerCrds(rs);
    expect(codes(v135().validate(rs[1]!))).toEqual(['schema/no-schema /kind']);
  });

  it('an unserved version has no schema', () => {
    const rs = resources(crd + widget(good).replace('example.com/v1', 'example.com/v1alpha1'));
    expect(codes(v135().validateAll(rs))).toEqual(['schema/no-schema /kind']);
  });
});

describe('null values', () => {
  it('reads null as unset, as the API server does', () => {
    const withNulls = DEPLOYMENT.replace('  replicas: 2\n', '  replicas: null\n  paused: null\n').replace(
      '          image: nginx:1.27\n',
      '          image: nginx:1.27\n          args: null\n',
    );
    expect(v135().validate(one(withNulls))).toEqual([]);
  });
  it('a null required field is missing', () => {
    const findings = v135().validate(
      one(
        DEPLOYMENT.replace(/ {2}selector:\n {4}matchLabels:\n {6}app.kubernetes.io\/name: web\n/, '  selector: null\n'),
      ),
    );
    expect(codes(findings)).toEqual(['schema/required /spec']);
  });
  it('a null list item is still wrong', () => {
    expect(
      codes(
        v135().validate(
          one(
            DEPLOYMENT.replace(
              '          image: nginx:1.27\n',
              '          image: nginx:1.27\n          args: [null]\n',
            ),
          ),
        ),
      ),
    ).toEqual(['schema/type /spec/template/spec/containers/0/args/0']);
  });
});
