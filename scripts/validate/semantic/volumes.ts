// Volumes: names unique in the pod; every volumeMount and volumeDevice names a declared volume (or a
// StatefulSet claim template); a container mounts each path once.

import type { StatefulSet } from 'kubernetes-types/apps/v1.js';
import { manifest, sub } from '../../core/manifest.js';
import { problem } from '../../codes/index.js';
import { isObject, type Finding, type Resource } from '../../core/resource.js';
import { finding, podView } from '../finding.js';

export function checkVolumes(resource: Resource): Finding[] {
  const view = podView(resource);
  if (!view) return [];
  const template = view.template;
  const out: Finding[] = [];
  const declared = new Set<string>();
  const volumes = template.spec['volumes'];
  if (Array.isArray(volumes)) {
    volumes.forEach((v, i) => {
      if (!isObject(v) || typeof v['name'] !== 'string') return;
      const name = v['name'];
      if (declared.has(name))
        out.push(
          finding(
            resource,
            `${template.specPointer}/volumes/${i}/name`,
            problem('semantic/duplicate-volume', { name }),
          ),
        );
      declared.add(name);
    });
  }
  // A StatefulSet's claim templates are volumes its pods mount by name.
  const claims =
    resource.kind === 'StatefulSet' ? sub(manifest<StatefulSet>(resource), 'spec')?.volumeClaimTemplates : undefined;
  if (Array.isArray(claims)) {
    for (const c of claims) {
      const name = isObject(c) && isObject(c['metadata']) ? c['metadata']['name'] : undefined;
      if (typeof name === 'string') declared.add(name);
    }
  }
  for (const c of view.containers) {
    for (const field of ['volumeMounts', 'volumeDevices'] as const) {
      const list = c.container[field];
      if (!Array.isArray(list)) continue;
      const paths = new Map<string, number>();
      const pathField = field === 'volumeMounts' ? 'mountPath' : 'devicePath';
      list.forEach((m, i) => {
        if (!isObject(m)) return;
        const at = `${c.pointer}/${field}/${i}`;
        const name = m['name'];
        if (typeof name === 'string' && !declared.has(name)) {
          out.push(
            finding(
              resource,
              `${at}/name`,
              problem('semantic/unknown-volume', { container: c.name, name, declared: [...declared] }),
            ),
          );
        }
        const path = m[pathField];
        if (typeof path === 'string') {
          const first = paths.get(path);
          if (first !== undefined)
            out.push(
              finding(
                resource,
                `${at}/${pathField}`,
                problem('semantic/duplicate-mount-path', {
                  field: pathField,
                  path,
                  list: field,
                  first,
                  container: c.name,
                }),
              ),
            );
          else paths.set(path, i);
        }
      });
    }
  }
  return out;
}
