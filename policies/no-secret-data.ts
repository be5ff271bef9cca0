import type { Secret } from 'kubernetes-types/core/v1.js';
import { manifest, sub } from '../scripts/core/manifest.js';
import { unreferencedSecrets } from '../scripts/policy/source-secrets.js';
import type { Policy, PolicyFinding } from '../scripts/policy/types.js';

const policy: Policy<Record<string, never>> = {
  meta: {
    id: 'no-secret-data',
    title: 'No Secret values in the repository',
    defaultSeverity: 'error',
    rationale:
      'A Secret with data or stringData puts its values in git history for good: base64 is an encoding, not encryption, and every clone holds the credentials.',
    remediation:
      'Delete the values from git (and rotate them), keep them in the secret store, and render the Secret through an ExternalSecret (or a SealedSecret) instead.',
    kinds: ['Secret'],
    docs: 'docs/policies/no-secret-data.md',
  },
  defaults: {},
  optionsSchema: { type: 'object', additionalProperties: false },
  check(ctx) {
    const out: PolicyFinding[] = [];
    for (const secret of ctx.byKind('Secret')) {
      if (secret.id.group !== '') continue;
      for (const field of ['data', 'stringData'] as const) {
        const keys = Object.keys(sub(manifest<Secret>(secret), field) ?? {});
        if (keys.length === 0) continue;
        // Key names only: the values never reach a message.
        out.push({
          subject: secret,
          pointer: `/${field}`,
          message: `carries ${field} (${keys.length === 1 ? 'key' : 'keys'} ${keys.sort().join(', ')}) in the repository`,
          hint: 'move the values to the secret store and declare an ExternalSecret that produces this Secret',
        });
      }
    }
    // Files beside the build that no kustomization uses still reach git.
    out.push(...unreferencedSecrets(ctx.sources));
    return out;
  },
};

export default policy;
