import type { ICertificate } from '@kubernetes-models/cert-manager/cert-manager.io/v1/Certificate';
import { manifest, str, sub } from '../core/manifest.js';
// ConfigMaps and Secrets that will exist when the environment is applied, with the keys they will hold:
// rendered objects, Secrets that cert-manager, External Secrets or Sealed Secrets produce, and the CA
// bundle ConfigMap Kubernetes publishes in every namespace.

import { isObject, type Resource } from '../core/resource.js';
import { indexKey } from './run-index.js';
import type { PolicyContext } from './types.js';
import { child } from './workloads.js';

export interface Source {
  /** The resource that declares or produces the object. */
  producer: Resource;
  /** Keys the object will hold; `any` when the producer decides at run time. */
  keys: Set<string> | 'any';
}

export interface ConfigSources {
  configMaps: Map<string, Source>;
  secrets: Map<string, Source>;
}

const SOURCES = indexKey<ConfigSources>('config sources');

export function configSources(ctx: Pick<PolicyContext<unknown>, 'byKind' | 'index'>): ConfigSources {
  return ctx.index.get(SOURCES, () => buildConfigSources(ctx));
}

function buildConfigSources(ctx: Pick<PolicyContext<unknown>, 'byKind'>): ConfigSources {
  const configMaps = new Map<string, Source>();
  const secrets = new Map<string, Source>();
  const put = (map: Map<string, Source>, r: Resource, name: string, keys: Set<string> | 'any'): void => {
    const key = `${r.id.namespace ?? ''}/${name}`;
    if (!map.has(key)) map.set(key, { producer: r, keys });
  };
  for (const r of ctx.byKind('ConfigMap'))
    if (r.id.group === '') put(configMaps, r, r.id.name, keysOf(r, ['data', 'binaryData']));
  for (const r of ctx.byKind('Secret'))
    if (r.id.group === '') put(secrets, r, r.id.name, keysOf(r, ['data', 'stringData']));
  for (const r of ctx.byKind('Certificate')) {
    const name = str(sub(manifest<ICertificate>(r), 'spec'), 'secretName');
    if (r.id.group === 'cert-manager.io' && name !== undefined)
      put(secrets, r, name, new Set(['tls.crt', 'tls.key', 'ca.crt']));
  }
  for (const r of ctx.byKind('ExternalSecret')) {
    if (r.id.group !== 'external-secrets.io') continue;
    const target = child(child(r.object, 'spec'), 'target');
    const name = typeof target?.['name'] === 'string' ? target['name'] : r.id.name;
    put(secrets, r, name, externalSecretKeys(r));
  }
  for (const r of ctx.byKind('SealedSecret')) {
    if (r.id.group !== 'bitnami.com') continue;
    const spec = child(r.object, 'spec');
    const encrypted = child(spec, 'encryptedData');
    put(secrets, r, r.id.name, new Set(Object.keys(encrypted ?? {})));
  }
  return { configMaps, secrets };
}

/** Every namespace gets this ConfigMap from the root CA publisher; projected service account volumes use it. */
export const ROOT_CA_CONFIGMAP = 'kube-root-ca.crt';

function keysOf(r: Resource, fields: string[]): Set<string> {
  const keys = new Set<string>();
  for (const f of fields) for (const k of Object.keys(child(r.object, f) ?? {})) keys.add(k);
  return keys;
}

/**
 * Keys of the Secret an ExternalSecret writes: spec.data[].secretKey, or the template's data keys when a
 * template replaces them; dataFrom and templateFrom fetch keys only known at run time.
 */
function externalSecretKeys(r: Resource): Set<string> | 'any' {
  const spec = child(r.object, 'spec');
  const dataFrom = spec?.['dataFrom'];
  if (Array.isArray(dataFrom) && dataFrom.length > 0) return 'any';
  const template = child(child(spec, 'target'), 'template');
  const templateFrom = template?.['templateFrom'];
  if (Array.isArray(templateFrom) && templateFrom.length > 0) return 'any';
  const keys = new Set<string>();
  const data = spec?.['data'];
  const templateData = child(template, 'data');
  if (templateData) {
    for (const k of Object.keys(templateData)) keys.add(k);
    if (template?.['mergePolicy'] !== 'Merge') return keys;
  }
  if (Array.isArray(data))
    for (const d of data) if (isObject(d) && typeof d['secretKey'] === 'string') keys.add(d['secretKey']);
  return keys;
}
