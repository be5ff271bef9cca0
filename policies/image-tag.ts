import { isValidDigest, parseImage } from '../scripts/policy/image-ref.js';
import type { Policy } from '../scripts/policy/types.js';
import { describeContainer, perContainer, POD_KINDS, podWorkloads } from '../scripts/policy/workloads.js';

const policy: Policy<Record<string, never>> = {
  meta: {
    id: 'image-tag',
    title: 'Images name a version: no :latest, no untagged image',
    defaultSeverity: 'error',
    rationale:
      'An untagged image means :latest, which moves; two nodes may run different code under the same manifest, and a rollback redeploys whatever latest is today.',
    remediation: 'Pin a version tag (an images entry in the kustomization is the usual place), or better, a digest.',
    kinds: POD_KINDS,
    docs: 'docs/policies/image-tag.md',
  },
  defaults: {},
  optionsSchema: { type: 'object', additionalProperties: false },
  check(ctx) {
    return perContainer(
      podWorkloads(ctx),
      (w) => w.containers,
      (c) => {
        const image = c.container['image'];
        if (typeof image !== 'string' || image === '') return;
        const ref = parseImage(image);
        if (isValidDigest(ref.digest)) return;
        if (ref.tag !== undefined && ref.tag !== 'latest') return;
        return {
          pointer: `${c.pointer}/image`,
          message: `${describeContainer(c)} uses ${ref.tag === undefined ? 'an untagged image' : 'the :latest tag'} (${image})`,
          hint: 'pin a version tag or a digest, e.g. with an images entry in the kustomization',
        };
      },
    );
  },
};

export default policy;
