// Probe helpers shared by the probe policies.

import type { ContainerRef } from '../core/pods.js';
import { isObject, type KObject } from '../core/resource.js';

export const PROBES = ['livenessProbe', 'readinessProbe', 'startupProbe'] as const;
export type ProbeName = (typeof PROBES)[number];

export function probeOf(c: ContainerRef, name: ProbeName): KObject | undefined {
  const p = c.container[name];
  return isObject(p) ? p : undefined;
}

export interface ProbePort {
  handler: 'httpGet' | 'tcpSocket' | 'grpc';
  port: string | number;
  pointer: string;
}

/** The port a probe connects to, unless it probes another host or runs a command. */
export function probePort(probe: KObject, pointer: string): ProbePort | undefined {
  for (const handler of ['httpGet', 'tcpSocket', 'grpc'] as const) {
    const h = probe[handler];
    if (!isObject(h)) continue;
    if (typeof h['host'] === 'string' && h['host'] !== '') return undefined;
    const port = h['port'];
    if (typeof port === 'string' || typeof port === 'number')
      return { handler, port, pointer: `${pointer}/${handler}/port` };
    return undefined;
  }
  return undefined;
}

export interface DeclaredPorts {
  names: Set<string>;
  numbers: Set<number>;
}

export function declaredPorts(c: ContainerRef): DeclaredPorts {
  const names = new Set<string>();
  const numbers = new Set<number>();
  const ports = c.container['ports'];
  if (Array.isArray(ports)) {
    for (const p of ports) {
      if (!isObject(p)) continue;
      if (typeof p['name'] === 'string') names.add(p['name']);
      if (typeof p['containerPort'] === 'number') numbers.add(p['containerPort']);
    }
  }
  return { names, numbers };
}

/** Structural equality of JSON values (key order ignored). */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((v, i) => jsonEqual(v, b[i]));
  if (isObject(a) && isObject(b)) {
    const ka = Object.keys(a);
    if (ka.length !== Object.keys(b).length) return false;
    return ka.every((k) => Object.prototype.hasOwnProperty.call(b, k) && jsonEqual(a[k], b[k]));
  }
  return false;
}
