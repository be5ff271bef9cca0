import { isValidDigest, parseImage } from '../scripts/policy/image-ref.js';
import type { Policy } from '../scripts/policy/types.js';
import { describeContainer, perContainer, POD_KINDS, podWorkloads } from '../scripts/policy/workloads.js';

export interface Options {
  /** Environments where every image must be pinned by digest. */
  environments: string[];
}

const policy: Policy<Options> = {
  meta: {
    id: 'image-digest',
    title: 'Images are pinned by digest in production',
    defaultSeverity: 'error',
    rationale:
      'A tag can be pushed again; only a digest guarantees that production runs the bytes that were tested and scanned.',
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
    return perContainer(
      podWorkloads(ctx),
      (w) => w.containers,
      (c) => {
        const image = c.container['image'];
        if (typeof image !== 'string' || image === '') return;
        const { digest } = parseImage(image);
        if (isValidDigest(digest)) return;
        return {
          pointer: `${c.pointer}/image`,
          message:
            digest === undefined
              ? `${describeContainer(c)} image ${image} is not pinned by digest (required in ${ctx.env.name})`
              : `${describeContainer(c)} image ${image} has a malformed digest`,
          hint: 'add a digest to the kustomization images entry: digest: sha256:<64 hex digits>',
        };
      },
    );
  },
};

export default policy;
