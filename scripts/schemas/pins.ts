// Where each upstream folder came from. Copied into every generated file as `x-kcfg-source` so a reader can
// trace a schema back to the exact upstream commit (see the upstream folder's README).

interface UpstreamPin {
  upstream: string;
  pin: string;
}

export const KUBERNETES_PIN: UpstreamPin = {
  upstream: 'kubernetes/kubernetes api/openapi-spec/v3, as mirrored by kubernetes-sigs/kubectl-validate pkg/openapiclient/builtins',
  pin: 'kubectl-validate a97ccfaca20b164819afdae780392496f6ed6bbd (branch release-<version>)',
};

export const CRD_PINS: Record<string, UpstreamPin> = {
  'cert-manager.io': { upstream: 'cert-manager/cert-manager deploy/crds', pin: 'v1.21.1 (24e33194fb39)' },
  'monitoring.coreos.com': { upstream: 'prometheus-operator/prometheus-operator example/prometheus-operator-crd', pin: 'v0.93.0 (f8fafd475f3d)' },
  'external-secrets.io': { upstream: 'external-secrets/external-secrets config/crds/bases', pin: 'v2.9.0' },
};

export const KUSTOMIZATION_PIN: UpstreamPin = {
  upstream: 'SchemaStore/schemastore src/schemas/json/kustomization.json',
  pin: '3b6446ad8a07',
};
