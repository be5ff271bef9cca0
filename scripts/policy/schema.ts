// Published JSON Schemas for policies/config.yaml and policies/baseline.yaml.

const POLICY_ID = '^[a-z][a-z0-9]*(-[a-z0-9]+)*$';
const SEVERITY = {
  enum: ['error', 'warning', 'info', 'off'],
  description: 'Severity of the policy’s findings; `off` disables it.',
};

const SETTING = {
  anyOf: [
    SEVERITY,
    {
      type: 'object',
      properties: {
        severity: SEVERITY,
        options: {
          type: 'object',
          description:
            'Policy options; merged over the policy defaults (objects merge key by key, lists and values replace).',
        },
        exemptions: {
          enum: ['allowed', 'forbidden'],
          description:
            '`forbidden`: exemption annotations and baseline entries for this policy suppress nothing and are findings themselves. Default `allowed`.',
        },
      },
      additionalProperties: false,
    },
  ],
};

const CODE_SETTINGS = {
  type: 'object',
  description:
    'Severity per finding code (`kcfg codes` lists them), e.g. `semantic/duplicate-port: error`; `off` drops the code’s findings.',
  propertyNames: { pattern: '^[a-z0-9]+/[a-z0-9-]+$' },
  additionalProperties: SEVERITY,
};

const SETTINGS = {
  type: 'object',
  description: 'Settings per policy id: a severity, or { severity, options }.',
  propertyNames: { pattern: POLICY_ID },
  additionalProperties: SETTING,
};

export const POLICY_CONFIG_SCHEMA = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  title: 'kcfg policy configuration (policies/config.yaml)',
  type: 'object',
  properties: {
    $schema: { type: 'string' },
    policies: SETTINGS,
    codes: CODE_SETTINGS,
    environments: {
      type: 'object',
      description:
        'Overrides per environment name, or per glob pattern of names (`prod-*`, `clusters/*`); applied over `policies`, patterns first (in file order), then the exact name.',
      additionalProperties: {
        type: 'object',
        properties: { policies: SETTINGS, codes: CODE_SETTINGS },
        additionalProperties: false,
      },
    },
  },
  additionalProperties: false,
} as const;

export const BASELINE_SCHEMA = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  title: 'kcfg policy baseline (policies/baseline.yaml): accepted findings, each with a reason and an expiry date',
  type: 'object',
  properties: {
    $schema: { type: 'string' },
    entries: {
      type: 'array',
      items: {
        type: 'object',
        required: ['policy', 'resource', 'reason', 'expires'],
        properties: {
          policy: { type: 'string', pattern: POLICY_ID },
          environment: {
            type: 'string',
            minLength: 1,
            description: 'Only in this environment; every environment when absent.',
          },
          resource: {
            type: 'string',
            pattern: '^[^/\\s]+/([^/\\s]*/)?[^/\\s]+$',
            description:
              '`Kind/namespace/name`, or `Kind/name` for a cluster-scoped resource; Kind may be `Kind.group`.',
          },
          container: { type: 'string', minLength: 1 },
          pointer: {
            type: 'string',
            pattern: '^(/.*)?$',
            description: 'JSON pointer of the finding; any pointer when absent.',
          },
          reason: { type: 'string', pattern: '\\S', description: 'Why the finding is accepted.' },
          expires: {
            type: 'string',
            pattern: '^\\d{4}-\\d{2}-\\d{2}$',
            description: 'Last day (UTC) the entry applies, YYYY-MM-DD.',
          },
        },
        additionalProperties: false,
      },
    },
  },
  required: ['entries'],
  additionalProperties: false,
} as const;
