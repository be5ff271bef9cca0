// Container names are unique across init, regular and ephemeral containers of one pod.

import { problem } from '../../codes/index.js';
import type { Finding, Resource } from '../../core/resource.js';
import { finding, podView } from '../finding.js';

export function checkContainerNames(resource: Resource): Finding[] {
  const view = podView(resource);
  if (!view) return [];
  const template = view.template;
  const out: Finding[] = [];
  const seen = new Map<string, string>();
  for (const c of view.containers) {
    const name = c.container['name'];
    if (typeof name !== 'string') continue;
    const first = seen.get(name);
    if (first !== undefined) {
      out.push(finding(resource, `${c.pointer}/name`, problem('semantic/duplicate-container', { name, first })));
    } else {
      seen.set(name, c.pointer.slice(template.specPointer.length + 1));
    }
  }
  return out;
}
