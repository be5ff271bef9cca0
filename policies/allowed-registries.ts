import { parseImage } from '../scripts/policy/image-ref.js';
import type { Policy } from '../scripts/policy/types.js';
import { describeContainer, perContainer, POD_KINDS, podWorkloads } from '../scripts/policy/workloads.js';

export interface Options {
  /**
   * Allowed image prefixes, e.g. `ghcr.io/example-org/`. A prefix ends at a path boundary: `ghcr.io/org`
   * allows `ghcr.io/org/app` but not `ghcr.io/org-fork/app`. Docker Hub short names are compared in their
   * full form (`nginx` is `docker.io/library/nginx`). An empty list allows every registry.
   */
  registries: string[];
}

const policy: Policy<Options> = {
  meta: {
    id: 'allowed-registries',
    title: 'Images come from allowed registries',
    defaultSeverity: 'error',
    rationale:
      'Images from registries the team does not control can change or vanish, and skip the scanning and signing the team applies to its own.',
    remediation:
      'Mirror the image into an allowed registry and reference the mirror (a kustomization images entry with newName does it without touching the base).',
    kinds: POD_KINDS,
    docs: 'docs/policies/allowed-registries.md',
  },
  defaults: { registries: [] },
  optionsSchema: {
    type: 'object',
    properties: { registries: { type: 'array', items: { type: 'string', minLength: 1 } } },
    additionalProperties: false,
  },
  check(ctx) {
    const allowed = ctx.options.registries;
    if (allowed.length === 0) return [];
    return perContainer(
      podWorkloads(ctx),
      (w) => w.containers,
      (c) => {
        const image = c.container['image'];
        if (typeof image !== 'string' || image === '') return;
        const name = image.split('@')[0];
        const canonical = parseImage(image).canonical;
        if (allowed.some((prefix) => underPrefix(name, prefix) || underPrefix(canonical, prefix))) return;
        return {
          pointer: `${c.pointer}/image`,
          message: `${describeContainer(c)} image ${image} is not from an allowed registry (${allowed.join(', ')})`,
          hint: 'mirror the image into an allowed registry and point an images entry (newName) at it',
        };
      },
    );
  },
};

function underPrefix(name: string, prefix: string): boolean {
  if (prefix.endsWith('/')) return name.startsWith(prefix);
  return name === prefix || name.startsWith(`${prefix}/`) || name.startsWith(`${prefix}:`);
}

export default policy;
