import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { RULE_SCHEMA } from '../../scripts/policy/rule-schema.js';
import { BASELINE_SCHEMA, POLICY_CONFIG_SCHEMA } from '../../scripts/policy/schema.js';

describe('published policy schemas', () => {
  it.each([
    ['kcfg-policies.schema.json', POLICY_CONFIG_SCHEMA],
    ['kcfg-baseline.schema.json', BASELINE_SCHEMA],
    ['kcfg-rule.schema.json', RULE_SCHEMA],
  ])('schemas/%s matches its source (run `npm run schemas` after changing it)', (file, schema) => {
    expect(JSON.parse(readFileSync(`schemas/${file}`, 'utf8'))).toEqual(JSON.parse(JSON.stringify(schema)));
  });
});
