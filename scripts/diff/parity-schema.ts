// JSON Schema of policies/parity.yaml, published as schemas/kcfg-parity.schema.json.

export const PARITY_SCHEMA_ID = 'kcfg-parity.schema.json';

const kinds = {
  type: 'array',
  description: 'Kinds the entry applies to: `Kind` or `group/Kind`. All kinds when absent.',
  items: { type: 'string', minLength: 1 },
} as const;

export const paritySchema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: PARITY_SCHEMA_ID,
  title: 'kcfg parity policy',
  description: 'Differences allowed between environments; every other difference is a `diff/parity` finding.',
  type: 'object',
  additionalProperties: false,
  properties: {
    $schema: { type: 'string' },
    severity: { enum: ['error', 'warning', 'info'], default: 'error', description: 'Severity of a parity finding.' },
    allow: {
      type: 'array',
      description: 'Pointer patterns allowed to differ (`*` one segment, `**` any number).',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['path', 'reason'],
        properties: {
          path: { type: 'string', pattern: '^/' },
          kinds,
          name: {
            type: 'string',
            minLength: 1,
            description: 'Only resources with this name (after prefix, suffix and hash are removed); `*` wildcards.',
          },
          reason: { type: 'string', minLength: 1 },
        },
      },
    },
    onlyIn: {
      type: 'array',
      description: 'Resources allowed to exist in some environments only.',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['kinds', 'name', 'reason'],
        properties: {
          kinds,
          name: {
            type: 'string',
            minLength: 1,
            description: 'Name after prefix, suffix and hash are removed; `*` wildcards.',
          },
          environments: {
            type: 'array',
            items: { type: 'string', minLength: 1 },
            description: 'Environments that may have the resource; any when absent.',
          },
          reason: { type: 'string', minLength: 1 },
        },
      },
    },
  },
} as const;
