// Service ports: port+protocol unique, names unique and required once there is more than one port.

import { problem } from '../../codes/index.js';
import type { Service } from 'kubernetes-types/core/v1.js';
import { items, manifest, str, sub } from '../../core/manifest.js';
import type { Finding, Resource } from '../../core/resource.js';
import { finding } from '../finding.js';

export function checkServicePorts(resource: Resource): Finding[] {
  if (resource.kind !== 'Service' || resource.id.group !== '') return [];
  const ports = items(sub(manifest<Service>(resource), 'spec'), 'ports');
  const out: Finding[] = [];
  const numbers = new Map<string, number>();
  const names = new Map<string, number>();
  const nodePorts = new Map<string, number>();
  const many = ports.length > 1;
  for (const [p, i] of ports) {
    const at = `/spec/ports/${i}`;
    const protocol = str(p, 'protocol') ?? 'TCP';
    const name = str(p, 'name');
    if (name !== undefined && name !== '') {
      const first = names.get(name);
      if (first !== undefined)
        out.push(
          finding(resource, `${at}/name`, problem('semantic/service-ports', { issue: 'name-taken', name, first })),
        );
      else names.set(name, i);
    } else if (many) {
      out.push(finding(resource, at, problem('semantic/service-ports', { issue: 'unnamed' })));
    }
    if (typeof p.port === 'number') {
      const key = `${p.port}/${protocol}`;
      const first = numbers.get(key);
      if (first !== undefined)
        out.push(
          finding(resource, `${at}/port`, problem('semantic/service-ports', { issue: 'port-taken', port: key, first })),
        );
      else numbers.set(key, i);
    }
    if (typeof p.nodePort === 'number' && p.nodePort > 0) {
      const key = `${p.nodePort}/${protocol}`;
      const first = nodePorts.get(key);
      if (first !== undefined)
        out.push(
          finding(
            resource,
            `${at}/nodePort`,
            problem('semantic/service-ports', { issue: 'node-port-taken', port: key, first }),
          ),
        );
      else nodePorts.set(key, i);
    }
  }
  return out;
}
