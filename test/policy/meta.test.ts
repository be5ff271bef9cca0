// Every policy is registered, documented and table-tested.

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { POLICIES, POLICY_LIST } from '../../policies/index.js';
import { loadPolicyConfig } from '../../scripts/policy/config.js';
import { isRulePolicy } from '../../scripts/policy/rules.js';

const readme = readFileSync('docs/policies/README.md', 'utf8');

describe('policy registry', () => {
  it('registers every module in policies/', () => {
    const files = readdirSync('policies')
      .filter((f) => f.endsWith('.ts') && f !== 'index.ts')
      .map((f) => f.slice(0, -3))
      .sort();
    expect(Object.keys(POLICIES).sort()).toEqual(files);
  });

  for (const [key, policy] of Object.entries(POLICIES)) {
    describe(key, () => {
      it('has its file name as id and complete metadata', () => {
        expect(policy.meta.id).toBe(key);
        for (const field of ['title', 'rationale', 'remediation'] as const)
          expect(policy.meta[field].trim().length).toBeGreaterThan(10);
        expect(policy.meta.kinds.length).toBeGreaterThan(0);
        expect(policy.meta.docs).toBe(`docs/policies/${key}.md`);
      });

      it('has a doc page that says how to exempt it, listed in the index', () => {
        expect(existsSync(policy.meta.docs)).toBe(true);
        const page = readFileSync(policy.meta.docs, 'utf8');
        expect(page).toContain(`kcfg.dev/exempt.${key}`);
        expect(page).toMatch(/baseline/i);
        expect(page, 'the page says which kinds the policy covers').toMatch(/^Kinds: .+\.$/m);
        expect(readme).toContain(`(${key}.md)`);
      });

      it('has a table test', () => {
        const file = `test/policy/${key}.test.ts`;
        expect(existsSync(file)).toBe(true);
        expect(readFileSync(file, 'utf8')).toContain(`policies/${key}.js`);
      });
    });
  }

  it('lists every declarative rule in the index', () => {
    for (const rule of loadPolicyConfig(process.cwd(), { registry: POLICY_LIST }).policies.filter(isRulePolicy))
      expect(readme).toContain(`[${rule.meta.id}]`);
  });
});

describe('policy defaults', () => {
  // The config loader compiles option schemas only for policies whose options are configured, so the
  // defaults themselves must satisfy each schema.
  it.each(Object.values(POLICIES).map((p) => [p.meta.id, p] as const))(
    '%s defaults satisfy its options schema',
    async (_id, policy) => {
      const { default: Ajv } = await import('ajv');
      const schema = (policy as { optionsSchema?: object }).optionsSchema ?? { type: 'object', maxProperties: 0 };
      const validate = new Ajv({ strict: false, allErrors: true }).compile(schema);
      expect(validate(policy.defaults), JSON.stringify(validate.errors)).toBe(true);
    },
  );
});
