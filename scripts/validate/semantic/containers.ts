// Container names are unique across init, regular and ephemeral containers of one pod.

import { containersOf, podTemplate } from '../../core/pods.js';
import type { Finding, Resource } from '../../core/resource.js';
import { finding } from '../finding.js';

export function checkContainerNames(resource: Resource): Finding[] {
  const template = podTemplate(resource);
  if (!template) return [];
  const out: Finding[] = [];
  const seen = new Map<string, string>();
  for (const c of containersOf(template)) {
    const name = c.container['name'];
    if (typeof name !== 'string') continue;
    const first = seen.get(name);
    if (first !== undefined) {
      out.push(finding('semantic/duplicate-container', 'error', resource, `${c.pointer}/name`, `container name "${name}" is already used by ${first}`));
    } else {
      seen.set(name, c.pointer.slice(template.specPointer.length + 1));
    }
  }
  return out;
}
