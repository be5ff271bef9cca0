import type { RenderedEnvironment } from '../../scripts/core/rendered.js';
import type { Origin } from '../../scripts/core/resource.js';
import { buildResources } from '../../scripts/resources/build.js';
import { parseStream } from '../../scripts/resources/parse.js';

/** A RenderedEnvironment from inline YAML; `generated` names get a generator origin. */
export function envFromYaml(name: string, yaml: string, generated: string[] = []): RenderedEnvironment {
  const { documents, findings } = parseStream(yaml, `<rendered:${name}>`);
  if (findings.length) throw new Error(`bad test YAML: ${findings[0]!.message}`);
  const built = buildResources(documents, name);
  for (const r of built.resources) {
    const origin: Origin = generated.includes(r.id.name)
      ? { type: 'generator', kustomization: `overlays/${name}/kustomization.yaml`, generator: 'configMapGenerator' }
      : { type: 'file', file: `base/${r.kind.toLowerCase()}.yaml` };
    r.origin = origin;
  }
  return {
    env: { name, dir: `overlays/${name}`, kubernetesVersion: '1.32' },
    resources: built.resources,
    findings: [],
    locator: { locate: () => ({}) },
    engine: { command: 'test', version: 'v5.5.0' },
    cached: false,
    output: yaml,
    closure: [],
  };
}

export function deployment(
  name: string,
  opts: { ns?: string; cm?: string; replicas?: number; image?: string; env?: [string, string][]; extra?: string } = {},
): string {
  const env = (
    opts.env ?? [
      ['LOG', 'info'],
      ['MODE', 'web'],
    ]
  )
    .map(([k, v]) => `            - name: ${k}\n              value: "${v}"`)
    .join('\n');
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
${opts.ns ? `  namespace: ${opts.ns}\n` : ''}spec:
  replicas: ${opts.replicas ?? 1}
  selector:
    matchLabels: {app: api}
  template:
    metadata:
      labels: {app: api}
    spec:
      containers:
        - name: api
          image: ${opts.image ?? 'ghcr.io/acme/api:1.0'}
          env:
${env}
          envFrom:
            - configMapRef:
                name: ${opts.cm ?? 'api-config'}
        - name: sidecar
          image: envoy:1.30
${opts.extra ?? ''}`;
}

export function configMap(name: string, data: Record<string, string>, ns?: string): string {
  return `apiVersion: v1
kind: ConfigMap
metadata:
  name: ${name}
${ns ? `  namespace: ${ns}\n` : ''}data:
${Object.entries(data)
  .map(([k, v]) => `  ${k}: "${v}"`)
  .join('\n')}
`;
}
