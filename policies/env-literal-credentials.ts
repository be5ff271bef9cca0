import type { Policy } from '../scripts/policy/types.js';
import {
  describeContainer,
  perContainer,
  POD_KINDS,
  podWorkloads,
  type ContainerVerdict,
} from '../scripts/policy/workloads.js';
import { isObject } from '../scripts/core/resource.js';
import { CREDENTIAL_NAMES, NOT_CREDENTIAL_NAMES, PRIVATE_KEY_BLOCK } from '../scripts/resources/secret-text.js';

export interface Options {
  /** Name patterns (regular expressions, case-insensitive, matched anywhere) that mark a credential. */
  names: string[];
  /** Name patterns (whole name) that look like credentials but are not, e.g. `TOKEN_URL`. */
  allow: string[];
}

const policy: Policy<Options> = {
  meta: {
    id: 'env-literal-credentials',
    title: 'Credentials are not written as literal environment values',
    defaultSeverity: 'error',
    rationale:
      'A password or token written as an env `value:` lives in the repository, in every rendered manifest, in the Deployment object anyone with read access can get, and in CI logs; it cannot be rotated without a commit.',
    remediation:
      'Read it from a Secret with valueFrom.secretKeyRef (or envFrom a Secret), produced by your secret manager; then rotate the value that was committed.',
    kinds: POD_KINDS,
    docs: 'docs/policies/env-literal-credentials.md',
  },
  // The same lists hide such values in code frames (resources/secret-text.ts).
  defaults: { names: [...CREDENTIAL_NAMES], allow: [...NOT_CREDENTIAL_NAMES] },
  optionsSchema: {
    type: 'object',
    properties: {
      names: { type: 'array', items: { type: 'string', minLength: 1 }, uniqueItems: true },
      allow: { type: 'array', items: { type: 'string', minLength: 1 }, uniqueItems: true },
    },
    additionalProperties: false,
  },
  check(ctx) {
    const names = ctx.options.names.map((n) => new RegExp(n, 'i'));
    const allow = ctx.options.allow.map((n) => new RegExp(`^(?:${n})$`, 'i'));
    return perContainer(
      podWorkloads(ctx),
      (w) => w.containers,
      (c) => {
        const env = c.container['env'];
        if (!Array.isArray(env)) return;
        const found: ContainerVerdict[] = [];
        env.forEach((e, i) => {
          if (!isObject(e) || typeof e['name'] !== 'string') return;
          const value = e['value'];
          if (typeof value !== 'string' || value === '' || /^\$\(.+\)$/.test(value)) return;
          const name = e['name'];
          const keyBlock = PRIVATE_KEY_BLOCK.test(value);
          if (!keyBlock && (!names.some((re) => re.test(name)) || allow.some((re) => re.test(name)))) return;
          // The value itself is never repeated: it is a credential.
          found.push({
            pointer: `${c.pointer}/env/${i}/value`,
            message: `${describeContainer(c)} sets ${name} to a literal ${keyBlock ? 'private key' : 'value'}; a credential belongs in a Secret`,
            hint: `use valueFrom.secretKeyRef for ${name}, and rotate the committed value`,
          });
        });
        return found;
      },
    );
  },
};

export default policy;
