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
  /** TCP ports (the protocol probes use), by name and number. */
  names: Set<string>;
  numbers: Set<number>;
  /** Names and numbers declared only for another protocol, with it (UDP, SCTP). */
  notTcp: Map<string | number, string>;
}

export function declaredPorts(c: ContainerRef): DeclaredPorts {
  const names = new Set<string>();
  const numbers = new Set<number>();
  const notTcp = new Map<string | number, string>();
  const ports = c.container['ports'];
  if (Array.isArray(ports)) {
    for (const p of ports) {
      if (!isObject(p)) continue;
      // Probes connect over TCP (httpGet, tcpSocket, grpc): a UDP or SCTP port cannot answer one.
      const protocol = typeof p['protocol'] === 'string' ? p['protocol'] : 'TCP';
      const tcp = protocol === 'TCP';
      for (const key of [p['name'], p['containerPort']]) {
        if (typeof key !== 'string' && typeof key !== 'number') continue;
        if (!tcp) {
          if (!notTcp.has(key)) notTcp.set(key, protocol);
          continue;
        }
        if (typeof key === 'string') names.add(key);
        else numbers.add(key);
      }
    }
  }
  return { names, numbers, notTcp };
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
