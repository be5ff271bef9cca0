import { isValidDigest, parseImage } from '../scripts/policy/image-ref.js';
import type { Policy, PolicyFinding } from '../scripts/policy/types.js';
import { describeContainer, POD_KINDS, podWorkloads } from '../scripts/policy/workloads.js';

const policy: Policy<Record<string, never>> = {
  meta: {
    id: 'image-tag',
    title: 'Images name a version: no :latest, no untagged image',
    defaultSeverity: 'error',
    rationale: 'An untagged image means :latest, which moves; two nodes may run different code under the same manifest, and a rollback redeploys whatever latest is today.',
    remediation: 'Pin a version tag (an images entry in the kustomization is the usual place), or better, a digest.',
    kinds: POD_KINDS,
    docs: 'docs/policies/image-tag.md',
  },
  defaults: {},
  optionsSchema: { type: 'object', additionalProperties: false },
  check(ctx) {
    const out: PolicyFinding[] = [];
    for (const w of podWorkloads(ctx)) {
      for (const c of w.containers) {
        const image = c.container['image'];
        if (typeof image !== 'string' || image === '') continue;
        const ref = parseImage(image);
        if (isValidDigest(ref.digest)) continue;
        if (ref.tag === undefined || ref.tag === 'latest') {
          out.push({
            subject: w.resource,
            pointer: `${c.pointer}/image`,
            container: c.name,
            message: `${describeContainer(c)} uses ${ref.tag === undefined ? 'an untagged image' : 'the :latest tag'} (${image})`,
            hint: 'pin a version tag or a digest, e.g. with an images entry in the kustomization',
          });
        }
      }
    }
    return out;
  },
};

export default policy;
