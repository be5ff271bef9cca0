// The Restricted level of the Pod Security Standards: current pod hardening practice, on top of Baseline.

import { describeContainer } from '../workloads.js';
import { confinedProfile, procMountViolations } from './baseline.js';
import {
  containerContext,
  contextPointer,
  inUserNamespace,
  isWindowsPod,
  object,
  podContext,
  podContextPointer,
} from './read.js';
import type { Control, PodUnderReview, Violation } from './types.js';

/** Volume sources a restricted pod may use: none of them reaches the node or a network filesystem directly. */
const ALLOWED_VOLUMES = new Set([
  'configMap',
  'csi',
  'downwardAPI',
  'emptyDir',
  'ephemeral',
  'image',
  'persistentVolumeClaim',
  'projected',
  'secret',
]);

/**
 * A field that must hold `wanted` on every container, set there or inherited from the pod: an explicit
 * bad value is reported where it is, a missing one on each container that does not inherit it.
 */
function requiredEverywhere(
  pod: PodUnderReview,
  field: 'runAsNonRoot' | 'seccompProfile',
  good: (v: unknown) => boolean,
  describe: (v: unknown) => string,
  requirement: string,
): Violation[] {
  const out: Violation[] = [];
  const podValue = podContext(pod)?.[field];
  const podSet = podValue !== undefined && podValue !== null;
  if (podSet && !good(podValue))
    out.push({ pointer: `${podContextPointer(pod)}/${field}`, detail: `the pod must not set ${describe(podValue)}` });
  for (const c of pod.containers) {
    const own = containerContext(c)?.[field];
    if (own !== undefined && own !== null) {
      if (!good(own))
        out.push({
          pointer: `${contextPointer(c)}/${field}`,
          detail: `${describeContainer(c)} must not set ${describe(own)}`,
        });
    } else if (!podSet || !good(podValue)) {
      out.push({
        pointer: `${contextPointer(c)}/${field}`,
        detail: `the pod or ${describeContainer(c)} must set ${requirement}`,
      });
    }
  }
  return out;
}

export const RESTRICTED: readonly Control[] = [
  {
    id: 'restrictedVolumes',
    level: 'restricted',
    since: 0,
    replaces: ['hostPathVolumes'],
    check: (pod) => {
      const volumes = pod.template.spec['volumes'];
      if (!Array.isArray(volumes)) return [];
      return volumes.flatMap((v, i) => {
        const volume = object(v);
        if (!volume) return [];
        const sources = Object.keys(volume).filter((k) => k !== 'name');
        if (sources.some((k) => ALLOWED_VOLUMES.has(k))) return [];
        const source = sources[0] ?? 'unknown';
        return [
          {
            pointer: `${pod.template.specPointer}/volumes/${i}${sources[0] ? `/${source}` : ''}`,
            detail: `volume "${String(volume['name'])}" must not be of type ${source}`,
          },
        ];
      });
    },
  },
  {
    id: 'allowPrivilegeEscalation',
    level: 'restricted',
    since: 8,
    check: (pod, minor) =>
      minor >= 25 && isWindowsPod(pod)
        ? []
        : pod.containers
            .filter((c) => containerContext(c)?.['allowPrivilegeEscalation'] !== false)
            .map((c) => ({
              pointer: `${contextPointer(c)}/allowPrivilegeEscalation`,
              detail: `${describeContainer(c)} must set allowPrivilegeEscalation: false`,
            })),
  },
  {
    id: 'runAsNonRoot',
    level: 'restricted',
    since: 0,
    check: (pod, minor) =>
      (minor >= 25 && isWindowsPod(pod)) || (minor >= 35 && inUserNamespace(pod))
        ? []
        : requiredEverywhere(
            pod,
            'runAsNonRoot',
            (v) => v === true,
            () => 'runAsNonRoot: false',
            'runAsNonRoot: true',
          ),
  },
  {
    id: 'runAsUser',
    level: 'restricted',
    since: 23,
    check: (pod, minor) => {
      if (minor >= 35 && inUserNamespace(pod)) return [];
      const out: Violation[] = [];
      if (podContext(pod)?.['runAsUser'] === 0)
        out.push({ pointer: `${podContextPointer(pod)}/runAsUser`, detail: 'the pod must not set runAsUser: 0' });
      for (const c of pod.containers)
        if (containerContext(c)?.['runAsUser'] === 0)
          out.push({
            pointer: `${contextPointer(c)}/runAsUser`,
            detail: `${describeContainer(c)} must not set runAsUser: 0`,
          });
      return out;
    },
  },
  {
    id: 'seccompProfile_restricted',
    level: 'restricted',
    since: 19,
    replaces: ['seccompProfile_baseline'],
    check: (pod, minor) =>
      minor >= 25 && isWindowsPod(pod)
        ? []
        : requiredEverywhere(
            pod,
            'seccompProfile',
            (v) => confinedProfile(object(v)?.['type']),
            (v) => `seccomp profile ${String(object(v)?.['type'])}`,
            'seccompProfile.type RuntimeDefault or Localhost',
          ),
  },
  {
    id: 'capabilities_restricted',
    level: 'restricted',
    since: 22,
    replaces: ['capabilities_baseline'],
    check: (pod, minor) => {
      if (minor >= 25 && isWindowsPod(pod)) return [];
      return pod.containers.flatMap((c) => {
        const out: Violation[] = [];
        const caps = object(containerContext(c)?.['capabilities']);
        const drop = caps?.['drop'];
        if (!Array.isArray(drop) || !drop.includes('ALL'))
          out.push({
            pointer: `${contextPointer(c)}/capabilities/drop`,
            detail: `${describeContainer(c)} must drop ALL capabilities`,
          });
        const add = caps?.['add'];
        if (Array.isArray(add))
          add.forEach((cap, i) => {
            if (cap !== 'NET_BIND_SERVICE')
              out.push({
                pointer: `${contextPointer(c)}/capabilities/add/${i}`,
                detail: `${describeContainer(c)} must not add capability ${String(cap)} (restricted allows only NET_BIND_SERVICE)`,
              });
          });
        return out;
      });
    },
  },
  {
    id: 'procMount_restricted',
    level: 'restricted',
    since: 35,
    replaces: ['procMount'],
    check: (pod) => procMountViolations(pod),
  },
];
