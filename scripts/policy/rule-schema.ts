// Published JSON Schema for declarative rules in policies/rules/*.yaml.

export const RULE_SCHEMA = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  title: 'kcfg declarative policy rule (policies/rules/*.yaml)',
  type: 'object',
  required: ['id', 'title', 'severity', 'rationale', 'remediation', 'match', 'schema', 'message'],
  properties: {
    $schema: { type: 'string' },
    id: {
      type: 'string',
      pattern: '^[a-z][a-z0-9]*(-[a-z0-9]+)*$',
      description: 'Policy id; equals the file name without .yaml.',
    },
    title: { type: 'string', minLength: 1 },
    severity: { enum: ['error', 'warning', 'info'] },
    rationale: { type: 'string', minLength: 1 },
    remediation: { type: 'string', minLength: 1 },
    match: {
      type: 'object',
      required: ['kinds'],
      properties: {
        kinds: {
          type: 'array',
          minItems: 1,
          items: { type: 'string', minLength: 1 },
          description: 'Kinds the rule checks.',
        },
        apiGroups: {
          type: 'array',
          items: { type: 'string' },
          description: 'API groups ("" for core); any group when absent.',
        },
      },
      additionalProperties: false,
    },
    schema: { type: ['object', 'boolean'], description: 'JSON Schema (draft-07) every matched object must satisfy.' },
    message: { type: 'string', minLength: 1, description: 'The finding message.' },
    hint: { type: 'string' },
    docs: { type: 'string', description: 'Repository-relative doc page; the rule file itself when absent.' },
  },
  additionalProperties: false,
} as const;
