import { describe, expect, it } from 'vitest';
import policy from '../../policies/pod-security-admission.js';
import type { ClusterPodSecurity, Environment } from '../../scripts/core/resource.js';
import { defaultPolicyConfig } from '../../scripts/policy/config.js';
import { runPolicies } from '../../scripts/policy/engine.js';
import { indent, resources, summarise } from './harness.js';

const SPEC = '/spec/template/spec';
const C0 = `${SPEC}/containers/0`;

/** A compliant restricted container; cases add or change one field. */
const GOOD_CONTAINER = `name: app
image: ghcr.io/example/app:1.0
securityContext:
  allowPrivilegeEscalation: false
  runAsNonRoot: true
  seccompProfile: { type: RuntimeDefault }
  capabilities: { drop: [ALL] }`;

function namespace(labels: Record<string, string>, name = 'shop'): string {
  const lines = Object.entries(labels).map(([k, v]) => `    ${k}: "${v}"`);
  return `apiVersion: v1
kind: Namespace
metadata:
  name: ${name}
${lines.length ? `  labels:\n${lines.join('\n')}` : ''}
`;
}

function deploy(podSpec: string, extraTemplateMeta = ''): string {
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: shop
spec:
  selector: { matchLabels: { app: web } }
  template:
    metadata:
      labels: { app: web }
${extraTemplateMeta ? indent(extraTemplateMeta, 6) + '\n' : ''}    spec:
${indent(podSpec, 6)}
`;
}

function check(
  yaml: string,
  opts: { version?: string; podSecurity?: ClusterPodSecurity } = {},
): ReturnType<typeof summarise> {
  const env: Environment = {
    name: 'production',
    dir: 'overlays/production',
    kubernetesVersion: opts.version ?? '1.35',
    ...(opts.podSecurity ? { podSecurity: opts.podSecurity } : {}),
  };
  const { findings } = runPolicies({
    env,
    resources: resources(yaml),
    config: defaultPolicyConfig([policy]),
    root: '/nonexistent',
  });
  return summarise(findings);
}

const enforce = (level: string, version?: string): string =>
  namespace({
    'pod-security.kubernetes.io/enforce': level,
    ...(version ? { 'pod-security.kubernetes.io/enforce-version': version } : {}),
  });

/** One container field or pod field per control, with the pointer the finding must name. */
const CONTROLS: { control: string; level: 'baseline' | 'restricted'; pod: string; meta?: string; pointer: string }[] = [
  {
    control: 'windowsHostProcess',
    level: 'baseline',
    pod: `securityContext: { windowsOptions: { hostProcess: true } }\ncontainers: [{ name: app, image: x }]`,
    pointer: `${SPEC}/securityContext/windowsOptions/hostProcess`,
  },
  {
    control: 'hostNamespaces',
    level: 'baseline',
    pod: `hostPID: true\ncontainers: [{ name: app, image: x }]`,
    pointer: `${SPEC}/hostPID`,
  },
  {
    control: 'privileged',
    level: 'baseline',
    pod: `containers: [{ name: app, image: x, securityContext: { privileged: true } }]`,
    pointer: `${C0}/securityContext/privileged`,
  },
  {
    control: 'capabilities_baseline',
    level: 'baseline',
    pod: `containers: [{ name: app, image: x, securityContext: { capabilities: { add: [CHOWN, NET_ADMIN] } } }]`,
    pointer: `${C0}/securityContext/capabilities/add/1`,
  },
  {
    control: 'hostPathVolumes',
    level: 'baseline',
    pod: `containers: [{ name: app, image: x }]\nvolumes: [{ name: host, hostPath: { path: /var/run } }]`,
    pointer: `${SPEC}/volumes/0/hostPath`,
  },
  {
    control: 'hostPorts',
    level: 'baseline',
    pod: `containers: [{ name: app, image: x, ports: [{ containerPort: 80 }, { containerPort: 81, hostPort: 8081 }] }]`,
    pointer: `${C0}/ports/1/hostPort`,
  },
  {
    control: 'appArmorProfile',
    level: 'baseline',
    pod: `containers: [{ name: app, image: x, securityContext: { appArmorProfile: { type: Unconfined } } }]`,
    pointer: `${C0}/securityContext/appArmorProfile/type`,
  },
  {
    control: 'appArmorProfile',
    level: 'baseline',
    pod: `containers: [{ name: app, image: x }]`,
    meta: `annotations: { container.apparmor.security.beta.kubernetes.io/app: unconfined }`,
    pointer: '/spec/template/metadata/annotations/container.apparmor.security.beta.kubernetes.io~1app',
  },
  {
    control: 'seLinuxOptions',
    level: 'baseline',
    pod: `securityContext: { seLinuxOptions: { type: spc_t } }\ncontainers: [{ name: app, image: x }]`,
    pointer: `${SPEC}/securityContext/seLinuxOptions/type`,
  },
  {
    control: 'seLinuxOptions',
    level: 'baseline',
    pod: `containers: [{ name: app, image: x, securityContext: { seLinuxOptions: { user: system_u } } }]`,
    pointer: `${C0}/securityContext/seLinuxOptions/user`,
  },
  {
    control: 'procMount',
    level: 'baseline',
    pod: `containers: [{ name: app, image: x, securityContext: { procMount: Unmasked } }]`,
    pointer: `${C0}/securityContext/procMount`,
  },
  {
    control: 'seccompProfile_baseline',
    level: 'baseline',
    pod: `securityContext: { seccompProfile: { type: Unconfined } }\ncontainers: [{ name: app, image: x }]`,
    pointer: `${SPEC}/securityContext/seccompProfile/type`,
  },
  {
    control: 'sysctls',
    level: 'baseline',
    pod: `securityContext: { sysctls: [{ name: kernel.shm_rmid_forced, value: "1" }, { name: kernel.msgmax, value: "1" }] }\ncontainers: [{ name: app, image: x }]`,
    pointer: `${SPEC}/securityContext/sysctls/1/name`,
  },
  {
    control: 'hostProbesAndHostLifecycle',
    level: 'baseline',
    pod: `containers: [{ name: app, image: x, livenessProbe: { httpGet: { host: 10.0.0.1, port: 80 } } }]`,
    pointer: `${C0}/livenessProbe/httpGet/host`,
  },
  {
    control: 'restrictedVolumes',
    level: 'restricted',
    pod: `containers:\n  - ${indent(GOOD_CONTAINER, 4).trimStart()}\nvolumes: [{ name: data, nfs: { server: nfs, path: / } }]`,
    pointer: `${SPEC}/volumes/0/nfs`,
  },
  {
    control: 'allowPrivilegeEscalation',
    level: 'restricted',
    pod: `containers:\n  - ${indent(GOOD_CONTAINER.replace('allowPrivilegeEscalation: false', 'allowPrivilegeEscalation: true'), 4).trimStart()}`,
    pointer: `${C0}/securityContext/allowPrivilegeEscalation`,
  },
  {
    control: 'runAsNonRoot',
    level: 'restricted',
    pod: `containers:\n  - ${indent(GOOD_CONTAINER.replace('  runAsNonRoot: true\n', ''), 4).trimStart()}`,
    pointer: `${C0}/securityContext/runAsNonRoot`,
  },
  {
    control: 'runAsUser',
    level: 'restricted',
    pod: `securityContext: { runAsUser: 0 }\ncontainers:\n  - ${indent(GOOD_CONTAINER, 4).trimStart()}`,
    pointer: `${SPEC}/securityContext/runAsUser`,
  },
  {
    control: 'seccompProfile_restricted',
    level: 'restricted',
    pod: `containers:\n  - ${indent(GOOD_CONTAINER.replace('  seccompProfile: { type: RuntimeDefault }\n', ''), 4).trimStart()}`,
    pointer: `${C0}/securityContext/seccompProfile`,
  },
  {
    control: 'capabilities_restricted',
    level: 'restricted',
    pod: `containers:\n  - ${indent(GOOD_CONTAINER.replace('drop: [ALL]', 'drop: [ALL], add: [NET_BIND_SERVICE, CHOWN]'), 4).trimStart()}`,
    pointer: `${C0}/securityContext/capabilities/add/1`,
  },
  {
    control: 'procMount_restricted',
    level: 'restricted',
    pod: `hostUsers: false\ncontainers:\n  - ${indent(GOOD_CONTAINER + '\n  procMount: Unmasked', 4).trimStart()}`,
    pointer: `${C0}/securityContext/procMount`,
  },
];

describe('pod-security-admission', () => {
  describe('each control, enforced at its level (1.35)', () => {
    for (const c of CONTROLS) {
      it(`${c.level} ${c.control} → ${c.pointer.split('/').slice(-2).join('/')}`, () => {
        const got = check(
          namespace({ 'pod-security.kubernetes.io/enforce': c.level }) + '---\n' + deploy(c.pod, c.meta),
        );
        expect(got).toEqual([
          expect.objectContaining({
            code: 'policy/pod-security-admission',
            pointer: c.pointer,
            severity: 'error',
            message: expect.stringMatching(
              new RegExp(
                `^the API server will reject these pods: namespace shop enforces ${c.level} .*\\[${c.control}\\]$`,
              ),
            ),
          }),
        ]);
        // One level down, the same pod is admitted (restricted controls) or nothing is enforced (baseline).
        const lower = c.level === 'restricted' ? 'baseline' : 'privileged';
        expect(
          check(namespace({ 'pod-security.kubernetes.io/enforce': lower }) + '---\n' + deploy(c.pod, c.meta)),
        ).toEqual([]);
      });
    }
  });

  it('a compliant restricted pod passes', () => {
    expect(
      check(enforce('restricted') + '---\n' + deploy(`containers:\n  - ${indent(GOOD_CONTAINER, 4).trimStart()}`)),
    ).toEqual([]);
  });

  describe('differences between versions', () => {
    const sysctl = (name: string): string =>
      deploy(`securityContext: { sysctls: [{ name: ${name}, value: "1" }] }\ncontainers: [{ name: app, image: x }]`);
    const cases: { name: string; yaml: (v: string) => string; rejectedAt: string; admittedAt: string }[] = [
      {
        name: 'ip_local_reserved_ports became safe in 1.27',
        yaml: (v) => enforce('baseline', v) + '---\n' + sysctl('net.ipv4.ip_local_reserved_ports'),
        rejectedAt: 'v1.26',
        admittedAt: 'v1.27',
      },
      {
        name: 'tcp_keepalive_time became safe in 1.29',
        yaml: (v) => enforce('baseline', v) + '---\n' + sysctl('net.ipv4.tcp_keepalive_time'),
        rejectedAt: 'v1.28',
        admittedAt: 'v1.29',
      },
      {
        name: 'tcp_rmem became safe in 1.32',
        yaml: (v) => enforce('baseline', v) + '---\n' + sysctl('net.ipv4.tcp_rmem'),
        rejectedAt: 'v1.31',
        admittedAt: 'v1.32',
      },
      {
        name: 'container_engine_t became allowed in 1.31',
        yaml: (v) =>
          enforce('baseline', v) +
          '---\n' +
          deploy(
            `containers: [{ name: app, image: x, securityContext: { seLinuxOptions: { type: container_engine_t } } }]`,
          ),
        rejectedAt: 'v1.30',
        admittedAt: 'v1.31',
      },
      {
        name: 'runAsUser 0 is refused from 1.23',
        yaml: (v) =>
          enforce('restricted', v) +
          '---\n' +
          deploy(`securityContext: { runAsUser: 0 }\ncontainers:\n  - ${indent(GOOD_CONTAINER, 4).trimStart()}`),
        rejectedAt: 'v1.23',
        admittedAt: 'v1.22',
      },
      {
        name: 'Windows pods are spared the Linux-only controls from 1.25',
        yaml: (v) =>
          enforce('restricted', v) +
          '---\n' +
          deploy(
            `os: { name: windows }\nsecurityContext: { runAsNonRoot: true }\ncontainers: [{ name: app, image: x }]`,
          ),
        rejectedAt: 'v1.24',
        admittedAt: 'v1.25',
      },
      {
        name: 'host fields in probes are refused from 1.34',
        yaml: (v) =>
          enforce('baseline', v) +
          '---\n' +
          deploy(`containers: [{ name: app, image: x, readinessProbe: { tcpSocket: { host: db, port: 5432 } } }]`),
        rejectedAt: 'v1.34',
        admittedAt: 'v1.33',
      },
      {
        name: 'pods in a user namespace may run as root from 1.35',
        yaml: (v) =>
          enforce('restricted', v) +
          '---\n' +
          deploy(
            `hostUsers: false\ncontainers:\n  - ${indent(GOOD_CONTAINER.replace('  runAsNonRoot: true\n', ''), 4).trimStart()}`,
          ),
        rejectedAt: 'v1.34',
        admittedAt: 'v1.35',
      },
      {
        name: 'baseline lets a user-namespace pod unmask /proc from 1.35',
        yaml: (v) =>
          enforce('baseline', v) +
          '---\n' +
          deploy(`hostUsers: false\ncontainers: [{ name: app, image: x, securityContext: { procMount: Unmasked } }]`),
        rejectedAt: 'v1.34',
        admittedAt: 'v1.35',
      },
      {
        name: 'before 1.19 seccomp is judged from annotations, not the field',
        yaml: (v) =>
          enforce('baseline', v) +
          '---\n' +
          deploy(`securityContext: { seccompProfile: { type: Unconfined } }\ncontainers: [{ name: app, image: x }]`),
        rejectedAt: 'v1.19',
        admittedAt: 'v1.18',
      },
    ];
    for (const c of cases) {
      it(c.name, () => {
        expect(check(c.yaml(c.rejectedAt)).length).toBeGreaterThan(0);
        expect(check(c.yaml(c.admittedAt))).toEqual([]);
      });
    }

    it('latest is the environment’s Kubernetes version, and a newer pinned version reads as it', () => {
      const probeHost = deploy(
        `containers: [{ name: app, image: x, readinessProbe: { tcpSocket: { host: db, port: 5432 } } }]`,
      );
      expect(check(enforce('baseline') + '---\n' + probeHost, { version: '1.32' })).toEqual([]);
      expect(check(enforce('baseline') + '---\n' + probeHost, { version: '1.34' })).toHaveLength(1);
      expect(check(enforce('baseline', 'v1.35') + '---\n' + probeHost, { version: '1.32' })).toEqual([]);
    });
  });

  describe('modes, defaults and exemptions', () => {
    const netAdmin = deploy(
      `containers: [{ name: app, image: x, securityContext: { capabilities: { add: [NET_ADMIN] } } }]`,
    );

    it('warn and audit give warnings; a field flagged by several modes is reported once, under the strictest', () => {
      const got = check(
        namespace({
          'pod-security.kubernetes.io/enforce': 'baseline',
          'pod-security.kubernetes.io/warn': 'restricted',
          'pod-security.kubernetes.io/audit': 'restricted',
        }) +
          '---\n' +
          deploy(
            `containers: [{ name: app, image: x, securityContext: { runAsNonRoot: true, allowPrivilegeEscalation: false, seccompProfile: { type: RuntimeDefault }, capabilities: { drop: [ALL], add: [NET_ADMIN] } } }]`,
          ),
      );
      expect(got).toEqual([
        expect.objectContaining({
          severity: 'error',
          pointer: `${C0}/securityContext/capabilities/add/0`,
          message: expect.stringContaining('[capabilities_baseline]'),
        }),
        expect.objectContaining({
          severity: 'warning',
          pointer: `${C0}/securityContext/capabilities/add/0`,
          message: expect.stringMatching(/^namespace shop warns at restricted .*\[capabilities_restricted\]/),
        }),
      ]);
    });

    it('a namespace without labels, or not in the render, takes the cluster default from kcfg.yaml', () => {
      expect(check(netAdmin)).toEqual([]); // Kubernetes' own default: privileged
      const got = check(netAdmin, { podSecurity: { enforce: 'baseline' } });
      expect(got).toEqual([
        expect.objectContaining({
          severity: 'error',
          message: expect.stringContaining('the cluster default for namespace shop enforces baseline'),
        }),
      ]);
      expect(check(netAdmin, { podSecurity: { enforce: 'baseline', exemptNamespaces: ['shop'] } })).toEqual([]);
      // A label wins over the default.
      expect(check(enforce('privileged') + '---\n' + netAdmin, { podSecurity: { enforce: 'restricted' } })).toEqual([]);
    });

    it('an enforced violation cannot be exempted, and the exemption is itself a finding', () => {
      const exempted = deploy(
        `containers: [{ name: app, image: x, securityContext: { capabilities: { add: [NET_ADMIN] } } }]`,
        `annotations: { kcfg.dev/exempt.pod-security-admission: "needs NET_ADMIN" }`,
      );
      const got = check(enforce('baseline') + '---\n' + exempted);
      expect(got.map((f) => f.code).sort()).toEqual(['policy/exemption-forbidden', 'policy/pod-security-admission']);
      expect(got.find((f) => f.code === 'policy/exemption-forbidden')).toMatchObject({
        severity: 'error',
        pointer: '/spec/template/metadata/annotations/kcfg.dev~1exempt.pod-security-admission',
      });
    });

    it('a label value the API server refuses is reported on the Namespace, and its pods are judged as restricted', () => {
      const got = check(namespace({ 'pod-security.kubernetes.io/enforce': 'strict' }) + '---\n' + netAdmin);
      expect(got[0]).toMatchObject({
        resource: 'Namespace/shop',
        pointer: '/metadata/labels/pod-security.kubernetes.io~1enforce',
        severity: 'error',
        message: expect.stringContaining('"strict" is not a level'),
      });
      expect(
        got.slice(1).every((f) => f.resource === 'Deployment/web' && f.message.includes('enforces restricted')),
      ).toBe(true);
    });

    it('covers every pod-carrying kind: CronJobs, bare Pods and custom kinds such as Argo Rollouts', () => {
      const privileged = `containers: [{ name: app, image: x, securityContext: { privileged: true } }]`;
      const yaml = [
        enforce('baseline'),
        `apiVersion: batch/v1\nkind: CronJob\nmetadata: { name: nightly, namespace: shop }\nspec:\n  schedule: "0 0 * * *"\n  jobTemplate:\n    spec:\n      template:\n        spec:\n${indent(privileged, 10)}\n`,
        `apiVersion: v1\nkind: Pod\nmetadata: { name: debug, namespace: shop }\nspec:\n${indent(privileged, 2)}\n`,
        `apiVersion: argoproj.io/v1alpha1\nkind: Rollout\nmetadata: { name: canary, namespace: shop }\nspec:\n  template:\n    spec:\n${indent(privileged, 6)}\n`,
      ].join('---\n');
      expect(check(yaml).map((f) => `${f.resource} ${f.pointer}`)).toEqual([
        'CronJob/nightly /spec/jobTemplate/spec/template/spec/containers/0/securityContext/privileged',
        'Pod/debug /spec/containers/0/securityContext/privileged',
        'Rollout/canary /spec/template/spec/containers/0/securityContext/privileged',
      ]);
    });
  });
});
