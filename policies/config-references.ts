import type { PodSpec } from 'kubernetes-types/core/v1.js';
import type { ContainerRef } from '../scripts/core/pods.js';
import type { Manifest } from '../scripts/core/manifest.js';
import { isObject, type JsonValue, type KObject, type Resource } from '../scripts/core/resource.js';
import { configSources, ROOT_CA_CONFIGMAP, type Source } from '../scripts/policy/config-sources.js';
import type { Policy, PolicyFinding } from '../scripts/policy/types.js';
import { child, describeContainer, POD_KINDS, podWorkloads } from '../scripts/policy/workloads.js';
import { namespaceName } from '../scripts/policy/namespace-name.js';

export interface Options {
  /** Objects created outside the render: `ConfigMap/<name>`, `Secret/<name>` (any namespace) or `Secret/<namespace>/<name>`. */
  external: string[];
}

interface Ref {
  kind: 'ConfigMap' | 'Secret';
  name: string;
  namePointer: string;
  /** Keys the reference needs, each with the pointer to its `key` field. */
  keys: { key: string; pointer: string }[];
  optional: boolean;
  /** Container the reference belongs to; undefined for pod volumes. */
  container?: string;
  where: string;
}

const policy: Policy<Options> = {
  meta: {
    id: 'config-references',
    title: 'Pods refer to ConfigMaps, Secrets and keys that exist',
    defaultSeverity: 'error',
    rationale:
      'A pod that refers to a missing ConfigMap, Secret or key does not start (CreateContainerConfigError, or a volume that never mounts); the render is the last place the mistake is cheap to see.',
    remediation:
      'Fix the name or key, add the ConfigMap/Secret (a generator, or an ExternalSecret for secret values), mark the reference optional: true, or list it under external in policies/config.yaml.',
    kinds: [...POD_KINDS, 'ConfigMap', 'Secret', 'ExternalSecret', 'Certificate', 'SealedSecret'],
    docs: 'docs/policies/config-references.md',
  },
  defaults: { external: [] },
  optionsSchema: {
    type: 'object',
    properties: {
      external: { type: 'array', items: { type: 'string', pattern: '^(ConfigMap|Secret)/([^/]+/)?[^/]+$' } },
    },
    additionalProperties: false,
  },
  check(ctx) {
    const out: PolicyFinding[] = [];
    const sources = configSources(ctx);
    const external = new Set(ctx.options.external);
    for (const w of podWorkloads(ctx)) {
      const ns = w.resource.id.namespace ?? '';
      for (const ref of references(w.template.spec, w.template.specPointer, w.containers)) {
        if (ref.optional) continue;
        if (external.has(`${ref.kind}/${ref.name}`) || external.has(`${ref.kind}/${ns}/${ref.name}`)) continue;
        if (ref.kind === 'ConfigMap' && ref.name === ROOT_CA_CONFIGMAP) {
          for (const k of ref.keys)
            if (k.key !== 'ca.crt')
              out.push(missingKey(w.resource, ref, k, 'ConfigMap kube-root-ca.crt only holds ca.crt'));
          continue;
        }
        const source: Source | undefined = (ref.kind === 'ConfigMap' ? sources.configMaps : sources.secrets).get(
          `${ns}/${ref.name}`,
        );
        if (!source) {
          out.push({
            subject: w.resource,
            pointer: ref.namePointer,
            ...(ref.container ? { container: ref.container } : {}),
            message: `${ref.where} refers to ${ref.kind} "${ref.name}", which is not in ${namespaceName(ns)} of the render`,
            hint: `check the name (generated names carry a hash suffix the render adds), add the ${ref.kind}, or set optional: true`,
          });
          continue;
        }
        if (source.keys === 'any') continue;
        for (const k of ref.keys) {
          if (source.keys.has(k.key)) continue;
          const via =
            source.producer.kind === ref.kind
              ? ''
              : ` (produced by ${source.producer.kind} ${source.producer.id.name})`;
          out.push(
            missingKey(
              w.resource,
              ref,
              k,
              `${ref.kind} "${ref.name}"${via} has keys ${[...source.keys].sort().join(', ') || '(none)'}`,
            ),
          );
        }
      }
    }
    return out;
  },
};

function missingKey(subject: Resource, ref: Ref, k: { key: string; pointer: string }, has: string): PolicyFinding {
  return {
    subject,
    pointer: k.pointer,
    ...(ref.container ? { container: ref.container } : {}),
    message: `${ref.where} needs key "${k.key}" of ${ref.kind} "${ref.name}", which it does not have; ${has}`,
    hint: 'fix the key name, add the key, or set optional: true',
  };
}

function str(v: JsonValue | undefined): string | undefined {
  return typeof v === 'string' && v !== '' ? v : undefined;
}

function itemKeys(source: KObject, pointer: string): { key: string; pointer: string }[] {
  const items = source['items'];
  if (!Array.isArray(items)) return [];
  const out: { key: string; pointer: string }[] = [];
  items.forEach((item, i) => {
    const key = isObject(item) ? str(item['key']) : undefined;
    if (key) out.push({ key, pointer: `${pointer}/items/${i}/key` });
  });
  return out;
}

function references(spec: Manifest<PodSpec>, specPointer: string, containers: readonly ContainerRef[]): Ref[] {
  const out: Ref[] = [];
  for (const c of containers) {
    const where = describeContainer(c);
    const env = c.container['env'];
    if (Array.isArray(env)) {
      env.forEach((e, i) => {
        const from = isObject(e) ? child(e, 'valueFrom') : undefined;
        for (const [field, kind] of [
          ['configMapKeyRef', 'ConfigMap'],
          ['secretKeyRef', 'Secret'],
        ] as const) {
          const ref = child(from, field);
          const name = str(ref?.['name']);
          if (!ref || !name) continue;
          const base = `${c.pointer}/env/${i}/valueFrom/${field}`;
          const key = str(ref['key']);
          out.push({
            kind,
            name,
            namePointer: `${base}/name`,
            keys: key ? [{ key, pointer: `${base}/key` }] : [],
            optional: ref['optional'] === true,
            container: c.name,
            where: `${where} env ${String(isObject(e) ? e['name'] : i)}`,
          });
        }
      });
    }
    const envFrom = c.container['envFrom'];
    if (Array.isArray(envFrom)) {
      envFrom.forEach((e, i) => {
        for (const [field, kind] of [
          ['configMapRef', 'ConfigMap'],
          ['secretRef', 'Secret'],
        ] as const) {
          const ref = isObject(e) ? child(e, field) : undefined;
          const name = str(ref?.['name']);
          if (!ref || !name) continue;
          out.push({
            kind,
            name,
            namePointer: `${c.pointer}/envFrom/${i}/${field}/name`,
            keys: [],
            optional: ref['optional'] === true,
            container: c.name,
            where: `${where} envFrom`,
          });
        }
      });
    }
  }
  const volumes = spec['volumes'];
  if (Array.isArray(volumes)) {
    volumes.forEach((v, i) => {
      if (!isObject(v)) return;
      const base = `${specPointer}/volumes/${i}`;
      const where = `volume "${String(v['name'])}"`;
      const cm = child(v, 'configMap');
      const cmName = str(cm?.['name']);
      if (cm && cmName)
        out.push({
          kind: 'ConfigMap',
          name: cmName,
          namePointer: `${base}/configMap/name`,
          keys: itemKeys(cm, `${base}/configMap`),
          optional: cm['optional'] === true,
          where,
        });
      const secret = child(v, 'secret');
      const secretName = str(secret?.['secretName']);
      if (secret && secretName)
        out.push({
          kind: 'Secret',
          name: secretName,
          namePointer: `${base}/secret/secretName`,
          keys: itemKeys(secret, `${base}/secret`),
          optional: secret['optional'] === true,
          where,
        });
      const sources = child(v, 'projected')?.['sources'];
      if (!Array.isArray(sources)) return;
      sources.forEach((s, j) => {
        for (const [field, kind] of [
          ['configMap', 'ConfigMap'],
          ['secret', 'Secret'],
        ] as const) {
          const src = isObject(s) ? child(s, field) : undefined;
          const name = str(src?.['name']);
          if (!src || !name) continue;
          const p = `${base}/projected/sources/${j}/${field}`;
          out.push({
            kind,
            name,
            namePointer: `${p}/name`,
            keys: itemKeys(src, p),
            optional: src['optional'] === true,
            where,
          });
        }
      });
    });
  }
  return out;
}

export default policy;
