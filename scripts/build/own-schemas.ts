// The tool's own JSON Schemas, written to `schemas/` by the generator. Each module that owns a file format
// adds its entry here.

import { CONFIG_SCHEMA } from '../config/schema.js';
import { paritySchema } from '../diff/parity-schema.js';
import { RULE_SCHEMA } from '../policy/rule-schema.js';
import { BASELINE_SCHEMA, POLICY_CONFIG_SCHEMA } from '../policy/schema.js';

export const OWN_SCHEMAS: { file: string; schema: object }[] = [
  { file: 'kcfg-parity.schema.json', schema: paritySchema },
  { file: 'kcfg-policies.schema.json', schema: POLICY_CONFIG_SCHEMA },
  { file: 'kcfg-baseline.schema.json', schema: BASELINE_SCHEMA },
  { file: 'kcfg-rule.schema.json', schema: RULE_SCHEMA },
  { file: 'kcfg-config.schema.json', schema: CONFIG_SCHEMA },
];
