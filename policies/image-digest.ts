import { isValidDigest, parseImage } from '../scripts/policy/image-ref.js';
import type { Policy, PolicyFinding } from '../scripts/policy/types.js';
import { describeContainer, POD_KINDS, podWorkloads } from '../scripts/policy/workloads.js';

export interface Options {
  /** Environments where every image must be pinned by digest. */
  environments: string[];
}

const policy: Policy<Options> = {
  meta: {
    id: 'image-digest',
    title: 'Images are pinned by digest in production',
    defaultSeverity: 'error',
    rationale: 'A tag can be pushed again; only a digest guarantees that production runs the bytes that were tested and scanned.',
    remediation: 'Pin the image as name@sha256:<digest> (the kustomization images entry accepts a digest field).',
    kinds: POD_KINDS,
    docs: 'docs/policies/image-digest.md',
  },
  defaults: { environments: ['production'] },
  optionsSchema: {
    type: 'object',
    properties: { environments: { type: 'array', items: { type: 'string' } } },
    additionalProperties: false,
  },
  check(ctx) {
    if (!ctx.options.environments.includes(ctx.env.name)) return [];
    const out: PolicyFinding[] = [];
    for (const w of podWorkloads(ctx)) {
      for (const c of w.containers) {
        const image = c.container['image'];
        if (typeof image !== 'string' || image === '') continue;
        const { digest } = parseImage(image);
        if (isValidDigest(digest)) continue;
        out.push({
          subject: w.resource,
          pointer: `${c.pointer}/image`,
          container: c.name,
          message:
            digest === undefined
              ? `${describeContainer(c)} image ${image} is not pinned by digest (required in ${ctx.env.name})`
              : `${describeContainer(c)} image ${image} has a malformed digest`,
          hint: 'add a digest to the kustomization images entry: digest: sha256:<64 hex digits>',
        });
      }
    }
    return out;
  },
};

export default policy;
