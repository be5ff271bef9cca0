// Container ports: names unique within a container, containerPort+protocol not repeated (the API server
// warns), and hostPort+protocol+hostIP unique across the pod (the API server rejects).

import { problem } from '../../codes/index.js';
import { isObject, type Finding, type Resource } from '../../core/resource.js';
import { finding, podView } from '../finding.js';

export function checkContainerPorts(resource: Resource): Finding[] {
  const view = podView(resource);
  if (!view) return [];
  const out: Finding[] = [];
  const hostPorts = new Map<string, string>();
  for (const c of view.containers) {
    const ports = c.container['ports'];
    if (!Array.isArray(ports)) continue;
    const names = new Map<string, number>();
    const numbers = new Map<string, number>();
    ports.forEach((p, i) => {
      if (!isObject(p)) return;
      const at = `${c.pointer}/ports/${i}`;
      const protocol = typeof p['protocol'] === 'string' ? p['protocol'] : 'TCP';
      const name = p['name'];
      if (typeof name === 'string') {
        const first = names.get(name);
        if (first !== undefined)
          out.push(
            finding(
              resource,
              `${at}/name`,
              problem('semantic/duplicate-port-name', { name, first, container: c.name }),
            ),
          );
        else names.set(name, i);
      }
      const containerPort = p['containerPort'];
      if (typeof containerPort === 'number') {
        const key = `${containerPort}/${protocol}`;
        const first = numbers.get(key);
        if (first !== undefined) {
          out.push(
            finding(
              resource,
              `${at}/containerPort`,
              problem('semantic/duplicate-port', { port: String(containerPort), protocol, first, container: c.name }),
            ),
          );
        } else numbers.set(key, i);
      }
      const hostPort = p['hostPort'];
      if (typeof hostPort === 'number' && hostPort > 0) {
        const hostIP = typeof p['hostIP'] === 'string' ? p['hostIP'] : '';
        const key = `${hostPort}/${protocol}/${hostIP}`;
        const first = hostPorts.get(key);
        if (first !== undefined)
          out.push(
            finding(
              resource,
              `${at}/hostPort`,
              problem('semantic/duplicate-host-port', { port: String(hostPort), protocol, first }),
            ),
          );
        else hostPorts.set(key, `container ${c.name}`);
      }
    });
  }
  return out;
}
