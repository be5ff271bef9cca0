// The tool's own JSON Schemas, written to `schemas/` by the generator. Each module that owns a file format
// adds its entry here.

import { paritySchema } from '../diff/parity-schema.js';

export const OWN_SCHEMAS: { file: string; schema: object }[] = [
  { file: 'kcfg-parity.schema.json', schema: paritySchema },
  // The lead adds: { file: 'kcfg-config.schema.json', schema: CONFIG_SCHEMA } (from ../config/schema.js).
];
