import { isValidDigest, parseImage } from '../scripts/policy/image-ref.js';
import type { Policy } from '../scripts/policy/types.js';
import { describeContainer, perContainer, POD_KINDS, podWorkloads } from '../scripts/policy/workloads.js';

export interface Options {
  /** Tags (regular expressions, whole tag) that the team never moves, e.g. release versions; none by default. */
  immutableTags: string[];
}

const VALID = new Set(['Always', 'IfNotPresent', 'Never']);

const policy: Policy<Options> = {
  meta: {
    id: 'image-pull-policy',
    title: 'Images pinned only by a tag are pulled with imagePullPolicy: Always',
    defaultSeverity: 'warning',
    rationale:
      'A tag can be moved to another image. With IfNotPresent a node keeps running whatever it pulled first under that tag, so two nodes can run different code from one manifest; Always makes every start resolve the tag again. A digest cannot move, so any policy is fine with one.',
    remediation:
      'Pin the image by digest (best), or set imagePullPolicy: Always; a value other than Always, IfNotPresent or Never is refused by the API server.',
    kinds: POD_KINDS,
    docs: 'docs/policies/image-pull-policy.md',
  },
  defaults: { immutableTags: [] },
  optionsSchema: {
    type: 'object',
    properties: { immutableTags: { type: 'array', items: { type: 'string', minLength: 1 }, uniqueItems: true } },
    additionalProperties: false,
  },
  check(ctx) {
    const immutable = ctx.options.immutableTags.map((t) => new RegExp(`^(?:${t})$`));
    return perContainer(
      podWorkloads(ctx),
      (w) => w.containers,
      (c) => {
        const given = c.container['imagePullPolicy'];
        const pointer = `${c.pointer}/imagePullPolicy`;
        if (given !== undefined && (typeof given !== 'string' || !VALID.has(given)))
          return {
            pointer,
            message: `${describeContainer(c)} sets imagePullPolicy ${JSON.stringify(given)}, which the API server refuses`,
            hint: 'use Always, IfNotPresent or Never (the case matters)',
          };
        const image = c.container['image'];
        if (typeof image !== 'string' || image === '') return;
        const ref = parseImage(image);
        if (isValidDigest(ref.digest)) return;
        // The kubelet's default: Always for :latest or no tag, IfNotPresent otherwise.
        const effective = given ?? (ref.tag === undefined || ref.tag === 'latest' ? 'Always' : 'IfNotPresent');
        if (effective === 'Always') return;
        if (ref.tag !== undefined && immutable.some((re) => re.test(ref.tag!))) return;
        return {
          pointer: given === undefined ? `${c.pointer}/image` : pointer,
          message: `${describeContainer(c)} pulls ${image} by its tag with imagePullPolicy ${String(effective)}${given === undefined ? ' (the default for a tag)' : ''}: a moved tag is not pulled again`,
          hint: 'pin the image by digest, or set imagePullPolicy: Always',
        };
      },
    );
  },
};

export default policy;
