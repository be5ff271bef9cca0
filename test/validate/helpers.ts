import type { Finding, Resource } from '../../scripts/core/resource.js';
import { buildResources } from '../../scripts/resources/build.js';
import { parseStream } from '../../scripts/resources/parse.js';
import type { CheckContext } from '../../scripts/validate/finding.js';

export function resources(yaml: string, file = 'test.yaml'): Resource[] {
  const { documents, findings } = parseStream(yaml, file);
  if (findings.length) throw new Error(`bad test YAML: ${findings[0]!.message}`);
  const built = buildResources(documents, 'test');
  if (built.findings.length) throw new Error(`bad test resource: ${built.findings[0]!.message}`);
  return built.resources;
}

export function resource(yaml: string): Resource {
  const [r] = resources(yaml);
  if (!r) throw new Error('no resource in test YAML');
  return r;
}

export const CTX: CheckContext = { kubernetesVersion: '1.32', complete: true };

/** code@pointer pairs: what a table test compares. */
export function summary(findings: Finding[]): string[] {
  return findings.map((f) => `${f.code}@${f.pointer ?? ''}`);
}

/** A Deployment whose pod spec is `podSpec` (YAML indented for `spec.template.spec`). */
export function deployment(
  podSpec: string,
  opts: { selector?: string; labels?: string; kind?: string; apiVersion?: string } = {},
): string {
  return `apiVersion: ${opts.apiVersion ?? 'apps/v1'}
kind: ${opts.kind ?? 'Deployment'}
metadata:
  name: web
spec:
  selector:
${opts.selector ?? '    matchLabels:\n      app: web'}
  template:
    metadata:
      labels:
${opts.labels ?? '        app: web'}
    spec:
${podSpec}
`;
}
