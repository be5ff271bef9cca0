// Small reads the Pod Security controls share: security contexts, Windows and user-namespace pods.

import { isObject, type KObject } from '../../core/resource.js';
import type { ContainerRef } from '../../core/pods.js';
import type { PodUnderReview } from './types.js';

export function object(v: unknown): KObject | undefined {
  return isObject(v) ? v : undefined;
}

export function podContext(pod: PodUnderReview): KObject | undefined {
  return object(pod.template.spec['securityContext']);
}

export function containerContext(c: ContainerRef): KObject | undefined {
  return object(c.container['securityContext']);
}

export function podContextPointer(pod: PodUnderReview): string {
  return `${pod.template.specPointer}/securityContext`;
}

export function contextPointer(c: ContainerRef): string {
  return `${c.pointer}/securityContext`;
}

/** `spec.os.name: windows`: Linux-only controls were relaxed for such pods in 1.25. */
export function isWindowsPod(pod: PodUnderReview): boolean {
  const os = object(pod.template.spec['os']);
  return os?.['name'] === 'windows';
}

/** `hostUsers: false`: a pod in a user namespace, for which 1.35 relaxed the root and /proc controls. */
export function inUserNamespace(pod: PodUnderReview): boolean {
  return pod.template.spec['hostUsers'] === false;
}
