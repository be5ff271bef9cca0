// JSON Schema of `kcfg.yaml`. Published as `schemas/kcfg-config.schema.json` so editors can complete and
// check the file; `loadConfig` validates against the same object.

const VERSION = {
  type: 'string',
  pattern: '^1\\.[0-9]+$',
  description: 'Kubernetes minor version, quoted so YAML keeps it a string (e.g. "1.32").',
} as const;

const PSA_LEVEL = { enum: ['privileged', 'baseline', 'restricted'] } as const;
const PSA_VERSION = {
  type: 'string',
  pattern: '^(latest|v1\\.[0-9]+)$',
  description: "`latest` (the environment's Kubernetes version) or `v1.N`.",
} as const;

const POD_SECURITY = {
  type: 'object',
  additionalProperties: false,
  description:
    "The cluster's Pod Security admission defaults (its AdmissionConfiguration), applied to namespaces without pod-security.kubernetes.io labels. Kubernetes' own default is privileged for every mode.",
  properties: {
    enforce: { ...PSA_LEVEL, description: 'Level whose violations reject pods. Default privileged.' },
    enforceVersion: PSA_VERSION,
    warn: { ...PSA_LEVEL, description: 'Level whose violations warn. Default privileged.' },
    warnVersion: PSA_VERSION,
    audit: { ...PSA_LEVEL, description: 'Level whose violations are audited. Default privileged.' },
    auditVersion: PSA_VERSION,
    exemptNamespaces: {
      type: 'array',
      items: { type: 'string', minLength: 1 },
      uniqueItems: true,
      description: 'Namespaces the admission controller exempts.',
    },
  },
} as const;

const PATTERNS = {
  type: 'array',
  items: { type: 'string', minLength: 1 },
  uniqueItems: true,
} as const;

export const CONFIG_SCHEMA = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: 'https://kcfg.dev/schemas/kcfg-config.schema.json',
  title: 'kcfg configuration',
  description: 'Environments, Kustomize engine and validation options for kcfg.',
  type: 'object',
  additionalProperties: false,
  properties: {
    $schema: { type: 'string', description: 'Path or URL of this schema, for editors.' },
    environments: {
      type: 'array',
      description: 'Environments to render and check, in report order.',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['path'],
        properties: {
          name: {
            type: 'string',
            pattern: '^[a-z0-9]([-a-z0-9._]*[a-z0-9])?$',
            description:
              'Environment name used on the command line and in reports. Default: by convention from the path (overlays/production → production); leave it out when path is a glob.',
          },
          path: {
            type: 'string',
            minLength: 1,
            description:
              'Overlay directory (holding a kustomization), relative to this file; or a glob (overlays/*) naming one environment per matching kustomization directory, Components excepted.',
          },
          kubernetesVersion: {
            ...VERSION,
            description: 'Kubernetes version this environment runs; defaults to schemas.kubernetesVersion.',
          },
          podSecurity: {
            ...POD_SECURITY,
            description:
              "This environment's cluster Pod Security defaults, merged key by key over the top-level podSecurity.",
          },
        },
      },
    },
    engine: {
      type: 'object',
      additionalProperties: false,
      properties: {
        command: {
          type: 'string',
          minLength: 1,
          description:
            '`kubectl` (runs `kubectl kustomize`), `kustomize` (runs `kustomize build`), or a path to either. KCFG_ENGINE overrides it.',
        },
        version: {
          type: 'string',
          pattern: '^v?[0-9]+\\.[0-9]+\\.[0-9]+$',
          description: 'Pinned Kustomize version (e.g. v5.5.0); any other engine version is an error.',
        },
        loadRestrictor: {
          enum: ['RootOnly', 'None'],
          description: 'Whether a kustomization may read files outside its own directory tree. Default RootOnly.',
        },
      },
    },
    schemas: {
      type: 'object',
      additionalProperties: false,
      properties: {
        kubernetesVersion: { ...VERSION, description: 'Default target Kubernetes version. Default "1.32".' },
        allowUnknownKinds: {
          ...PATTERNS,
          description:
            'Kinds (`Kind` or `group/Kind`) allowed without a schema; every other kind without one is an error.',
        },
        crds: {
          ...PATTERNS,
          description:
            'Files or globs (relative to this file, inside the repository) of CustomResourceDefinition manifests, as `kubectl get crd -o yaml` or an operator release gives them: their custom resources are validated offline (schema and CEL). `kcfg schemas import FILE` copies CRDs to schemas/crds/.',
        },
      },
    },
    podSecurity: POD_SECURITY,
    diff: {
      type: 'object',
      additionalProperties: false,
      properties: {
        ignore: {
          ...PATTERNS,
          description: 'JSON pointer patterns ignored by every diff (`*` one segment, `**` any number).',
        },
        sensitive: { ...PATTERNS, description: 'Extra JSON pointer patterns whose values are never shown.' },
      },
    },
    docsUrl: {
      type: 'string',
      pattern: '^https?://',
      description:
        "Base URL that documentation paths (docs/policies/<id>.md) are joined to in reports, e.g. an internal mirror of kcfg's docs. KCFG_DOCS_URL overrides it. Default: kcfg's repository at the installed version.",
    },
    cacheDir: {
      type: 'string',
      minLength: 1,
      description:
        'Cache directory (renders, compiled validators, check results), relative to this file; it may not be inside the repository. Default ~/.cache/kcfg/<root>-<hash> ($XDG_CACHE_HOME); KCFG_CACHE_DIR overrides it.',
    },
  },
} as const;
