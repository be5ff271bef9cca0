// Rule metadata for machine formats (SARIF rules, HTML headings): policies describe themselves in
// policies/index.ts; the other areas get a short description per area.

import { POLICIES } from '../../policies/index.js';
import type { Diagnostic, Severity } from '../core/diagnostic.js';
import { docsLink } from './docs-url.js';

export interface RuleInfo {
  id: string;
  /** PascalCase identifier, as SARIF consumers expect for `name`. */
  name: string;
  title: string;
  description: string;
  /** How to fix a finding of this rule, when known. */
  remediation?: string;
  /** Documentation page: a link when a docs base is known, else the path inside kcfg's package. */
  docs?: string;
  defaultSeverity?: Severity;
}

const AREAS: Record<string, { title: string; description: string; docs?: string }> = {
  schema: {
    title: 'Schema validation',
    description:
      'The rendered object does not match the OpenAPI or CRD schema of its kind for the target Kubernetes version.',
  },
  semantic: {
    title: 'API-server semantics',
    description: 'The API server would reject or silently misapply the object although it matches the schema.',
  },
  format: {
    title: 'Field format',
    description:
      'A field value does not have the format the API server requires (names, labels, quantities, ports, cron schedules).',
  },
  api: {
    title: 'API version',
    description: 'The object uses an API version that is deprecated or removed in the target Kubernetes version.',
  },
  yaml: { title: 'YAML', description: 'The YAML cannot be parsed safely.' },
  kustomization: {
    title: 'Kustomization file',
    description: 'A kustomization file uses an unknown or deprecated field.',
  },
  render: { title: 'Render', description: 'Kustomize could not build the environment.' },
  resource: {
    title: 'Resource',
    description: 'A document is not a well-formed Kubernetes object, or two objects share an identity.',
  },
  input: { title: 'Input', description: 'An input file cannot be validated.' },
  diff: {
    title: 'Environment parity',
    description: 'Environments differ where the parity configuration says they must not.',
    docs: 'docs/diff.md',
  },
  policy: {
    title: 'House policy',
    description: 'A house policy or its configuration (exemptions, baseline) needs attention.',
    docs: 'docs/policies/README.md',
  },
};

const POLICY_META = new Map(Object.values(POLICIES).map((p) => [`policy/${p.meta.id}`, p.meta]));

export function ruleInfo(code: string, sample?: Diagnostic, docsBase?: string): RuleInfo {
  const meta = POLICY_META.get(code);
  if (meta) {
    return {
      id: code,
      name: pascal(meta.id),
      title: meta.title,
      description: meta.rationale,
      remediation: meta.remediation,
      docs: docsLink(meta.docs, docsBase)!,
      defaultSeverity: meta.defaultSeverity,
    };
  }
  const slash = code.indexOf('/');
  const area = slash < 0 ? code : code.slice(0, slash);
  const rule = slash < 0 ? code : code.slice(slash + 1);
  const a = AREAS[area];
  const docs = docsLink(sample?.docs ?? a?.docs, docsBase);
  return {
    id: code,
    name: pascal(`${area}-${rule}`),
    title: a ? `${a.title}: ${rule.replace(/-/g, ' ')}` : code,
    description: a?.description ?? `Findings reported under ${code}.`,
    ...(sample?.hint ? { remediation: sample.hint } : {}),
    ...(docs ? { docs } : {}),
  };
}

function pascal(id: string): string {
  return id
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w[0]!.toUpperCase() + w.slice(1))
    .join('');
}
