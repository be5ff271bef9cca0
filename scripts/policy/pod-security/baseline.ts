// The Baseline level of the Pod Security Standards: known privilege escalations are refused.

import { escapePointer } from '../../core/resource.js';
import { describeContainer } from '../workloads.js';
import { containerContext, contextPointer, inUserNamespace, object, podContext, podContextPointer } from './read.js';
import type { Control, PodUnderReview, Violation } from './types.js';

/** Capabilities the container runtime grants by default; baseline lets a container add these back. */
const DEFAULT_CAPABILITIES = new Set([
  'AUDIT_WRITE',
  'CHOWN',
  'DAC_OVERRIDE',
  'FOWNER',
  'FSETID',
  'KILL',
  'MKNOD',
  'NET_BIND_SERVICE',
  'SETFCAP',
  'SETGID',
  'SETPCAP',
  'SETUID',
  'SYS_CHROOT',
]);

/** The namespaced ("safe") sysctls, by the minor that added them to the standard. */
const SAFE_SYSCTLS: readonly [number, readonly string[]][] = [
  [
    0,
    [
      'kernel.shm_rmid_forced',
      'net.ipv4.ip_local_port_range',
      'net.ipv4.tcp_syncookies',
      'net.ipv4.ping_group_range',
      'net.ipv4.ip_unprivileged_port_start',
    ],
  ],
  [27, ['net.ipv4.ip_local_reserved_ports']],
  [
    29,
    [
      'net.ipv4.tcp_keepalive_time',
      'net.ipv4.tcp_fin_timeout',
      'net.ipv4.tcp_keepalive_intvl',
      'net.ipv4.tcp_keepalive_probes',
    ],
  ],
  [32, ['net.ipv4.tcp_rmem', 'net.ipv4.tcp_wmem']],
];

export function safeSysctls(minor: number): Set<string> {
  return new Set(SAFE_SYSCTLS.filter(([since]) => since <= minor).flatMap(([, names]) => names));
}

const SELINUX_TYPES = ['', 'container_t', 'container_init_t', 'container_kvm_t'];

export function allowedSelinuxTypes(minor: number): Set<string> {
  return new Set(minor >= 31 ? [...SELINUX_TYPES, 'container_engine_t'] : SELINUX_TYPES);
}

const APPARMOR_ANNOTATION = 'container.apparmor.security.beta.kubernetes.io/';
const SECCOMP_POD_ANNOTATION = 'seccomp.security.alpha.kubernetes.io/pod';
const SECCOMP_CONTAINER_ANNOTATION = 'container.seccomp.security.alpha.kubernetes.io/';

/** Seccomp and AppArmor profile types the standards accept: the runtime's default or a node-local profile. */
export function confinedProfile(type: unknown): boolean {
  return type === 'RuntimeDefault' || type === 'Localhost';
}

/** Runs `each` over the pod's and then every container's security context. */
function contexts(
  pod: PodUnderReview,
  each: (ctx: Record<string, unknown>, pointer: string, who: string) => Violation[],
): Violation[] {
  const out: Violation[] = [];
  const podCtx = podContext(pod);
  if (podCtx) out.push(...each(podCtx, podContextPointer(pod), 'the pod'));
  for (const c of pod.containers) {
    const ctx = containerContext(c);
    if (ctx) out.push(...each(ctx, contextPointer(c), describeContainer(c)));
  }
  return out;
}

function annotationPointer(pod: PodUnderReview, key: string): string {
  return `${pod.template.metadataPointer}/annotations/${escapePointer(key)}`;
}

export const BASELINE: readonly Control[] = [
  {
    id: 'windowsHostProcess',
    level: 'baseline',
    since: 0,
    check: (pod) =>
      contexts(pod, (ctx, pointer, who) =>
        object(ctx['windowsOptions'])?.['hostProcess'] === true
          ? [
              {
                pointer: `${pointer}/windowsOptions/hostProcess`,
                detail: `${who} must not run as a Windows HostProcess`,
              },
            ]
          : [],
      ),
  },
  {
    id: 'hostNamespaces',
    level: 'baseline',
    since: 0,
    check: (pod) =>
      (['hostNetwork', 'hostPID', 'hostIPC'] as const)
        .filter((f) => pod.template.spec[f] === true)
        .map((f) => ({ pointer: `${pod.template.specPointer}/${f}`, detail: `the pod must not set ${f}: true` })),
  },
  {
    id: 'privileged',
    level: 'baseline',
    since: 0,
    check: (pod) =>
      pod.containers
        .filter((c) => containerContext(c)?.['privileged'] === true)
        .map((c) => ({
          pointer: `${contextPointer(c)}/privileged`,
          detail: `${describeContainer(c)} must not be privileged`,
        })),
  },
  {
    id: 'capabilities_baseline',
    level: 'baseline',
    since: 0,
    check: (pod) =>
      pod.containers.flatMap((c) => {
        const add = object(containerContext(c)?.['capabilities'])?.['add'];
        if (!Array.isArray(add)) return [];
        return add.flatMap((cap, i) =>
          typeof cap === 'string' && DEFAULT_CAPABILITIES.has(cap)
            ? []
            : [
                {
                  pointer: `${contextPointer(c)}/capabilities/add/${i}`,
                  detail: `${describeContainer(c)} must not add capability ${String(cap)} (baseline allows only the runtime's defaults)`,
                },
              ],
        );
      }),
  },
  {
    id: 'hostPathVolumes',
    level: 'baseline',
    since: 0,
    check: (pod) => {
      const volumes = pod.template.spec['volumes'];
      if (!Array.isArray(volumes)) return [];
      return volumes.flatMap((v, i) =>
        object(v) && object(v)!['hostPath'] !== undefined
          ? [
              {
                pointer: `${pod.template.specPointer}/volumes/${i}/hostPath`,
                detail: `volume "${String(object(v)!['name'])}" must not be a hostPath volume`,
              },
            ]
          : [],
      );
    },
  },
  {
    id: 'hostPorts',
    level: 'baseline',
    since: 0,
    check: (pod) =>
      pod.containers.flatMap((c) => {
        const ports = c.container['ports'];
        if (!Array.isArray(ports)) return [];
        return ports.flatMap((p, i) => {
          const hostPort = object(p)?.['hostPort'];
          return hostPort !== undefined && hostPort !== null && hostPort !== 0
            ? [
                {
                  pointer: `${c.pointer}/ports/${i}/hostPort`,
                  detail: `${describeContainer(c)} must not use hostPort ${String(hostPort)}`,
                },
              ]
            : [];
        });
      }),
  },
  {
    id: 'appArmorProfile',
    level: 'baseline',
    since: 0,
    check: (pod) => {
      const out = contexts(pod, (ctx, pointer, who) => {
        const profile = object(ctx['appArmorProfile']);
        return profile && !confinedProfile(profile['type'])
          ? [
              {
                pointer: `${pointer}/appArmorProfile/type`,
                detail: `${who} must not set AppArmor profile ${String(profile['type'])}`,
              },
            ]
          : [];
      });
      for (const [key, value] of Object.entries(pod.template.annotations)) {
        if (!key.startsWith(APPARMOR_ANNOTATION)) continue;
        if (value === '' || value === 'runtime/default' || value.startsWith('localhost/')) continue;
        out.push({ pointer: annotationPointer(pod, key), detail: `annotation ${key} must not be "${value}"` });
      }
      return out;
    },
  },
  {
    id: 'seLinuxOptions',
    level: 'baseline',
    since: 0,
    check: (pod, minor) => {
      const types = allowedSelinuxTypes(minor);
      return contexts(pod, (ctx, pointer, who) => {
        const options = object(ctx['seLinuxOptions']);
        if (!options) return [];
        const out: Violation[] = [];
        const type = options['type'] ?? '';
        if (typeof type !== 'string' || !types.has(type))
          out.push({
            pointer: `${pointer}/seLinuxOptions/type`,
            detail: `${who} must not set SELinux type ${String(type)}`,
          });
        for (const f of ['user', 'role'] as const) {
          const v = options[f];
          if (typeof v === 'string' && v !== '')
            out.push({ pointer: `${pointer}/seLinuxOptions/${f}`, detail: `${who} must not set an SELinux ${f}` });
        }
        return out;
      });
    },
  },
  {
    id: 'procMount',
    level: 'baseline',
    since: 0,
    // 1.35 allows any /proc mount to a pod in a user namespace; restricted keeps the rule (procMount_restricted).
    check: (pod, minor) => (minor >= 35 && inUserNamespace(pod) ? [] : procMountViolations(pod)),
  },
  {
    id: 'seccompProfile_baseline',
    level: 'baseline',
    since: 0,
    check: (pod, minor) => {
      if (minor < 19) return seccompAnnotations(pod);
      return contexts(pod, (ctx, pointer, who) => {
        const profile = object(ctx['seccompProfile']);
        return profile && !confinedProfile(profile['type'])
          ? [
              {
                pointer: `${pointer}/seccompProfile/type`,
                detail: `${who} must not set seccomp profile ${String(profile['type'])}`,
              },
            ]
          : [];
      });
    },
  },
  {
    id: 'sysctls',
    level: 'baseline',
    since: 0,
    check: (pod, minor) => {
      const sysctls = podContext(pod)?.['sysctls'];
      if (!Array.isArray(sysctls)) return [];
      const safe = safeSysctls(minor);
      return sysctls.flatMap((s, i) => {
        const name = object(s)?.['name'];
        return typeof name === 'string' && safe.has(name)
          ? []
          : [
              {
                pointer: `${podContextPointer(pod)}/sysctls/${i}/name`,
                detail: `sysctl ${String(name)} is not in the safe set of 1.${minor}`,
              },
            ];
      });
    },
  },
  {
    id: 'hostProbesAndHostLifecycle',
    level: 'baseline',
    since: 34,
    check: (pod) =>
      pod.containers.flatMap((c) => {
        const out: Violation[] = [];
        const handlers: [string, unknown][] = [
          ['livenessProbe', c.container['livenessProbe']],
          ['readinessProbe', c.container['readinessProbe']],
          ['startupProbe', c.container['startupProbe']],
          ['lifecycle/postStart', object(c.container['lifecycle'])?.['postStart']],
          ['lifecycle/preStop', object(c.container['lifecycle'])?.['preStop']],
        ];
        for (const [path, handler] of handlers) {
          for (const action of ['httpGet', 'tcpSocket']) {
            const host = object(object(handler)?.[action])?.['host'];
            if (typeof host === 'string' && host !== '')
              out.push({
                pointer: `${c.pointer}/${path}/${action}/host`,
                detail: `${describeContainer(c)} must not send its ${path.replace('lifecycle/', '')} to host ${host}`,
              });
          }
        }
        return out;
      }),
  },
];

export function procMountViolations(pod: PodUnderReview): Violation[] {
  return pod.containers.flatMap((c) => {
    const mount = containerContext(c)?.['procMount'];
    return mount === undefined || mount === null || mount === 'Default'
      ? []
      : [
          {
            pointer: `${contextPointer(c)}/procMount`,
            detail: `${describeContainer(c)} must not set procMount ${String(mount)}`,
          },
        ];
  });
}

/** Before 1.19 seccomp was set by annotations; their values other than the runtime's default or a local profile. */
function seccompAnnotations(pod: PodUnderReview): Violation[] {
  const out: Violation[] = [];
  const ok = (v: string): boolean => v === 'runtime/default' || v === 'docker/default' || v.startsWith('localhost/');
  const annotations = pod.template.annotations;
  const podValue = annotations[SECCOMP_POD_ANNOTATION];
  if (podValue !== undefined && !ok(podValue))
    out.push({
      pointer: annotationPointer(pod, SECCOMP_POD_ANNOTATION),
      detail: `the pod must not use seccomp profile ${podValue}`,
    });
  for (const c of pod.containers) {
    const key = SECCOMP_CONTAINER_ANNOTATION + c.name;
    const v = annotations[key];
    if (v !== undefined && !ok(v))
      out.push({
        pointer: annotationPointer(pod, key),
        detail: `${describeContainer(c)} must not use seccomp profile ${v}`,
      });
  }
  return out;
}
