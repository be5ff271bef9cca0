// The facts issue 2 promises about the rendered environments, checked on the real `kubectl kustomize` output.

import { beforeAll, describe, expect, it } from 'vitest';
import {
  asSelector,
  containersOf,
  podTemplate,
  selectorMatches,
  strings,
  type PodTemplate,
} from '../../scripts/core/pods.js';
import { getAt, isObject, type JsonValue, type KObject, type Resource } from '../../scripts/core/resource.js';
import { ENVIRONMENTS, NAMESPACE, parseRender, renderDir, renderOverlay, type EnvName } from './render.js';

const RECOMMENDED_LABELS = [
  'app.kubernetes.io/name',
  'app.kubernetes.io/instance',
  'app.kubernetes.io/version',
  'app.kubernetes.io/component',
  'app.kubernetes.io/part-of',
  'app.kubernetes.io/managed-by',
];
/** Labels allowed in selectors: they never change over a resource's life. */
const STABLE_SELECTOR_KEYS = new Set(['app.kubernetes.io/name', 'app.kubernetes.io/component']);
const CLUSTER_SCOPED_KINDS = new Set([
  'Namespace',
  'ClusterIssuer',
  'ClusterRole',
  'ClusterRoleBinding',
  'ClusterSecretStore',
]);
const RELAY_IMAGE = 'ghcr.io/example-org/relay';
const DIGEST = /@sha256:[0-9a-f]{64}$/;

const rendered = {} as Record<EnvName, Resource[]>;

beforeAll(() => {
  for (const env of ENVIRONMENTS) rendered[env] = parseRender(renderOverlay(env), env);
});

const clusters = {} as Record<EnvName, Resource[]>;

/** `kubectl kustomize clusters/<env>`: what cluster admins apply. */
function clusterRender(env: EnvName): Resource[] {
  return (clusters[env] ??= parseRender(renderDir(`clusters/${env}`), env));
}

function ofKind(env: EnvName, kind: string): Resource[] {
  return rendered[env].filter((r) => r.kind === kind);
}

function one(env: EnvName, kind: string, name: string): Resource {
  const found = rendered[env].filter((r) => r.kind === kind && r.id.name === name);
  expect(found, `${env}: exactly one ${kind} ${name}`).toHaveLength(1);
  return found[0]!;
}

function obj(v: unknown): KObject {
  return isObject(v) ? v : {};
}

function list(v: unknown): JsonValue[] {
  return Array.isArray(v) ? (v as JsonValue[]) : [];
}

function labelsOf(r: Resource): Record<string, string> {
  return strings(getAt(r.object, '/metadata/labels'));
}

interface Workload {
  resource: Resource;
  template: PodTemplate;
  label: string;
}

function workloads(env: EnvName): Workload[] {
  return rendered[env].flatMap((resource) => {
    const template = podTemplate(resource);
    return template ? [{ resource, template, label: `${env} ${resource.kind}/${resource.id.name}` }] : [];
  });
}

function isLongRunning(w: Workload): boolean {
  return w.resource.kind === 'Deployment' || w.resource.kind === 'StatefulSet' || w.resource.kind === 'DaemonSet';
}

function hpaFor(env: EnvName, w: Workload): Resource | undefined {
  return ofKind(env, 'HorizontalPodAutoscaler').find(
    (h) =>
      getAt(h.object, '/spec/scaleTargetRef/kind') === w.resource.kind &&
      getAt(h.object, '/spec/scaleTargetRef/name') === w.resource.id.name,
  );
}

/** The most pods the workload runs in steady state: its HPA minimum, or its replica count (default 1). */
function minimumPods(env: EnvName, w: Workload): number {
  const hpa = hpaFor(env, w);
  if (hpa) return Number(getAt(hpa.object, '/spec/minReplicas') ?? 1);
  return Number(getAt(w.resource.object, '/spec/replicas') ?? 1);
}

function preStopSeconds(container: object): number | undefined {
  const preStop = obj(getAt(container as KObject, '/lifecycle/preStop'));
  const sleep = getAt(preStop, '/sleep/seconds');
  if (typeof sleep === 'number') return sleep;
  const cmd = list(getAt(preStop, '/exec/command')).map(String);
  const m = /\bsleep\s+(\d+)/.exec(cmd.join(' '));
  return m ? Number(m[1]) : undefined;
}

function imageTag(image: string): string | undefined {
  const noDigest = image.split('@')[0]!;
  const lastSlash = noDigest.lastIndexOf('/');
  const colon = noDigest.indexOf(':', lastSlash + 1);
  return colon < 0 ? undefined : noDigest.slice(colon + 1);
}

describe.each(ENVIRONMENTS)('overlays/%s', (env) => {
  it('renders the expected application', () => {
    const names = workloads(env).map((w) => `${w.resource.kind}/${w.resource.id.name}`);
    expect(names).toEqual(
      expect.arrayContaining(['Deployment/relay-api', 'Deployment/relay-worker', 'CronJob/relay-cleanup']),
    );
    expect(names.includes('StatefulSet/postgres')).toBe(env === 'staging');
  });

  it('puts every namespaced object in the environment namespace and no cluster-scoped one in any', () => {
    for (const r of rendered[env]) {
      const ns = getAt(r.object, '/metadata/namespace');
      if (CLUSTER_SCOPED_KINDS.has(r.kind))
        expect(ns, `${r.kind}/${r.id.name} must not carry a namespace`).toBeUndefined();
      else expect(ns, `${r.kind}/${r.id.name}`).toBe(NAMESPACE[env]);
    }
    // Cluster-scoped objects are applied by cluster admins from clusters/<env>, never by the application overlay.
    expect(rendered[env].filter((r) => CLUSTER_SCOPED_KINDS.has(r.kind) && r.kind !== 'Namespace')).toEqual([]);
  });

  it('declares the namespace with Pod Security Admission at restricted', () => {
    const labels = labelsOf(one(env, 'Namespace', NAMESPACE[env]));
    for (const mode of ['enforce', 'audit', 'warn']) {
      expect(labels[`pod-security.kubernetes.io/${mode}`], mode).toBe('restricted');
      expect(labels[`pod-security.kubernetes.io/${mode}-version`], mode).toBe('latest');
    }
  });

  it('hardens every pod and container', () => {
    const all = workloads(env);
    expect(all.length).toBeGreaterThanOrEqual(3);
    for (const w of all) {
      const pod = w.template.spec;
      const psc = obj(pod['securityContext']);
      expect(psc['runAsNonRoot'], w.label).toBe(true);
      for (const id of ['runAsUser', 'runAsGroup', 'fsGroup']) {
        expect(
          typeof psc[id] === 'number' && (psc[id] as number) > 0,
          `${w.label} ${id} must be a fixed non-zero id`,
        ).toBe(true);
      }
      expect(getAt(psc, '/seccompProfile/type'), w.label).toBe('RuntimeDefault');
      expect(typeof pod['automountServiceAccountToken'], `${w.label} automountServiceAccountToken set explicitly`).toBe(
        'boolean',
      );

      const tmpVolumes = new Set(
        list(pod['volumes'])
          .filter((v) => isObject(v) && isObject(v['emptyDir']))
          .map((v) => String(obj(v)['name'])),
      );
      for (const c of containersOf(w.template)) {
        const where = `${w.label} container ${c.name}`;
        const sc = obj(c.container['securityContext']);
        expect(sc['allowPrivilegeEscalation'], where).toBe(false);
        expect(sc['readOnlyRootFilesystem'], where).toBe(true);
        expect(sc['privileged'], where).toBe(false);
        expect(list(getAt(sc, '/capabilities/drop')), where).toContain('ALL');
        expect(list(getAt(sc, '/capabilities/add')), where).toEqual([]);
        for (const path of ['/requests/cpu', '/requests/memory', '/limits/cpu', '/limits/memory']) {
          expect(getAt(obj(c.container['resources']), path), `${where} resources${path}`).toBeDefined();
        }
        const tmp = list(c.container['volumeMounts'])
          .map(obj)
          .find((m) => m['mountPath'] === '/tmp');
        expect(tmp && tmpVolumes.has(String(tmp['name'])), `${where} mounts an emptyDir at /tmp`).toBe(true);
      }
    }
  });

  it('gives a service account token only to pods whose account is bound to a Role', () => {
    const bound = new Set(
      ofKind(env, 'RoleBinding').flatMap((b) =>
        list(getAt(b.object, '/subjects'))
          .map(obj)
          .filter((s) => s['kind'] === 'ServiceAccount')
          .map((s) => String(s['name'])),
      ),
    );
    for (const w of workloads(env)) {
      const sa = String(w.template.spec['serviceAccountName'] ?? 'default');
      expect(sa, `${w.label} runs as its own service account`).not.toBe('default');
      one(env, 'ServiceAccount', sa);
      expect(w.template.spec['automountServiceAccountToken'], `${w.label} (${sa})`).toBe(bound.has(sa));
    }
    for (const sa of ofKind(env, 'ServiceAccount')) {
      expect(getAt(sa.object, '/automountServiceAccountToken'), sa.id.name).toBe(bound.has(sa.id.name));
    }
  });

  it('probes, drains and spreads every long-running workload', () => {
    const longRunning = workloads(env).filter(isLongRunning);
    expect(longRunning.length).toBeGreaterThanOrEqual(2);
    for (const w of longRunning) {
      for (const c of containersOf(w.template).filter((x) => x.type === 'containers')) {
        const where = `${w.label} container ${c.name}`;
        for (const probe of ['startupProbe', 'livenessProbe', 'readinessProbe'] as const)
          expect(c.container[probe], `${where} ${probe}`).toBeDefined();
        expect(c.container['livenessProbe'], `${where}: liveness and readiness must differ`).not.toEqual(
          c.container['readinessProbe'],
        );
        const pause = preStopSeconds(c.container);
        expect(pause, `${where} preStop sleep`).toBeDefined();
        const grace = Number(w.template.spec['terminationGracePeriodSeconds'] ?? 30);
        expect(grace, `${where} terminationGracePeriodSeconds exceeds the preStop pause`).toBeGreaterThan(pause!);
      }
      const spread = list(w.template.spec['topologySpreadConstraints']).map(obj);
      expect(spread.map((s) => s['topologyKey']).sort(), w.label).toEqual([
        'kubernetes.io/hostname',
        'topology.kubernetes.io/zone',
      ]);
      for (const s of spread) {
        const sel = asSelector(s['labelSelector']);
        expect(selectorMatches(sel, w.template.labels), `${w.label} spread selector matches its pods`).toBe(true);
        expect(
          Object.keys(sel?.matchLabels ?? {}).every((k) => STABLE_SELECTOR_KEYS.has(k)),
          w.label,
        ).toBe(true);
      }
      if (w.resource.kind === 'Deployment') {
        expect(getAt(w.resource.object, '/spec/strategy'), w.label).toEqual({
          type: 'RollingUpdate',
          rollingUpdate: { maxSurge: 1, maxUnavailable: 0 },
        });
      }
    }
  });

  it('labels every workload with the recommended labels and selects on stable ones only', () => {
    for (const w of workloads(env)) {
      const meta = labelsOf(w.resource);
      for (const key of RECOMMENDED_LABELS) {
        expect(meta[key], `${w.label} metadata label ${key}`).toBeTruthy();
        expect(w.template.labels[key], `${w.label} pod label ${key}`).toBe(meta[key]);
      }
      expect(meta['app.kubernetes.io/instance']).toBe(NAMESPACE[env]);
      const selector = getAt(w.resource.object, '/spec/selector');
      if (selector === undefined) continue;
      const sel = asSelector(selector);
      const keys = Object.keys(sel?.matchLabels ?? {});
      expect(keys.length, `${w.label} has a selector`).toBeGreaterThan(0);
      expect(
        keys.filter((k) => !STABLE_SELECTOR_KEYS.has(k)),
        `${w.label} selector keys`,
      ).toEqual([]);
      expect(selectorMatches(sel, w.template.labels), `${w.label} selector matches its template`).toBe(true);
    }
    for (const svc of ofKind(env, 'Service')) {
      const keys = Object.keys(strings(getAt(svc.object, '/spec/selector')));
      expect(
        keys.filter((k) => !STABLE_SELECTOR_KEYS.has(k)),
        `Service ${svc.id.name} selector keys`,
      ).toEqual([]);
    }
  });

  it('labels relay workloads with the version their image carries', () => {
    for (const w of workloads(env)) {
      for (const c of containersOf(w.template)) {
        const image = String(c.container['image']);
        if (!image.startsWith(`${RELAY_IMAGE}:`) && !image.startsWith(`${RELAY_IMAGE}@`)) continue;
        expect(imageTag(image), `${w.label} ${image}`).toBe(w.template.labels['app.kubernetes.io/version']);
      }
    }
  });

  it(env === 'production' ? 'pins every image by digest' : 'pulls every image by an explicit tag', () => {
    const images = workloads(env).flatMap((w) => containersOf(w.template).map((c) => String(c.container['image'])));
    expect(images.length).toBeGreaterThan(0);
    for (const image of images) {
      if (env === 'production') expect(image, image).toMatch(DIGEST);
      else {
        expect(image.includes('@'), `${image} is a tag, not a digest`).toBe(false);
        expect(imageTag(image), image).toBeTruthy();
        expect(imageTag(image), image).not.toBe('latest');
      }
    }
  });

  it('lets the HorizontalPodAutoscaler own the replica count', () => {
    const hpas = ofKind(env, 'HorizontalPodAutoscaler');
    expect(hpas.map((h) => h.id.name).sort()).toEqual(['relay-api', 'relay-worker']);
    for (const hpa of hpas) {
      expect(hpa.apiVersion).toBe('autoscaling/v2');
      const target = one(
        env,
        String(getAt(hpa.object, '/spec/scaleTargetRef/kind')),
        String(getAt(hpa.object, '/spec/scaleTargetRef/name')),
      );
      expect(getAt(target.object, '/spec/replicas'), `${target.id.name} leaves replicas to its HPA`).toBeUndefined();
      const metrics = list(getAt(hpa.object, '/spec/metrics')).map((m) => getAt(m, '/resource/name'));
      expect(metrics.sort()).toEqual(['cpu', 'memory']);
      expect(getAt(hpa.object, '/spec/behavior/scaleUp'), hpa.id.name).toBeDefined();
      expect(getAt(hpa.object, '/spec/behavior/scaleDown'), hpa.id.name).toBeDefined();
      const min = Number(getAt(hpa.object, '/spec/minReplicas'));
      expect(Number(getAt(hpa.object, '/spec/maxReplicas'))).toBeGreaterThan(min);
      if (env === 'production') expect(min, `${hpa.id.name} production minimum`).toBeGreaterThanOrEqual(2);
    }
  });

  it('gives every multi-pod workload a PodDisruptionBudget that matches its pods and never blocks a drain', () => {
    const pdbs = ofKind(env, 'PodDisruptionBudget');
    const multi = workloads(env).filter((w) => minimumPods(env, w) > 1 || hpaFor(env, w) !== undefined);
    expect(multi.length).toBeGreaterThan(0);
    for (const w of multi) {
      const matching = pdbs.filter((p) =>
        selectorMatches(asSelector(getAt(p.object, '/spec/selector')), w.template.labels),
      );
      expect(matching, `${w.label} is covered by exactly one PDB`).toHaveLength(1);
      const pdb = matching[0]!;
      expect(pdb.apiVersion).toBe('policy/v1');
      expect(getAt(pdb.object, '/spec/unhealthyPodEvictionPolicy'), pdb.id.name).toBe('AlwaysAllow');
      const maxUnavailable = getAt(pdb.object, '/spec/maxUnavailable');
      const minAvailable = getAt(pdb.object, '/spec/minAvailable');
      if (typeof maxUnavailable === 'number') expect(maxUnavailable, pdb.id.name).toBeGreaterThanOrEqual(1);
      else
        expect(
          typeof minAvailable === 'number' && minAvailable < minimumPods(env, w),
          `${pdb.id.name} leaves room to evict`,
        ).toBe(true);
    }
    for (const pdb of pdbs) {
      const covers = workloads(env).some((w) =>
        selectorMatches(asSelector(getAt(pdb.object, '/spec/selector')), w.template.labels),
      );
      expect(covers, `PDB ${pdb.id.name} selects some workload`).toBe(true);
    }
  });

  it('serves every Ingress host with a Certificate from the ClusterIssuer of its cluster folder', () => {
    const ingresses = ofKind(env, 'Ingress');
    expect(ingresses.length).toBeGreaterThan(0);
    const issuers = new Map(
      clusterRender(env)
        .filter((r) => r.kind === 'ClusterIssuer')
        .map((i) => [i.id.name, i]),
    );
    const certificates = ofKind(env, 'Certificate');
    for (const ing of ingresses) {
      expect(getAt(ing.object, '/spec/ingressClassName')).toBe('nginx');
      const annotations = strings(getAt(ing.object, '/metadata/annotations'));
      expect(annotations['nginx.ingress.kubernetes.io/force-ssl-redirect']).toBe('true');
      expect(annotations['nginx.ingress.kubernetes.io/limit-rps']).toMatch(/^\d+$/);
      expect(annotations['nginx.ingress.kubernetes.io/proxy-body-size']).toBeTruthy();
      const tls = list(getAt(ing.object, '/spec/tls')).map(obj);
      const hosts = list(getAt(ing.object, '/spec/rules')).map((r) => getAt(r, '/host'));
      expect(hosts.length).toBeGreaterThan(0);
      for (const host of hosts) {
        expect(typeof host, `${ing.id.name} rule has a host`).toBe('string');
        const entry = tls.find((t) => list(t['hosts']).includes(host!));
        expect(entry, `${ing.id.name}: ${String(host)} is served over TLS`).toBeDefined();
        const cert = certificates.find((c) => list(getAt(c.object, '/spec/dnsNames')).includes(host!));
        expect(cert, `a Certificate names ${String(host)}`).toBeDefined();
        expect(getAt(cert!.object, '/spec/secretName'), `${cert!.id.name} writes the Ingress TLS secret`).toBe(
          entry!['secretName'],
        );
        expect(getAt(cert!.object, '/spec/issuerRef/kind')).toBe('ClusterIssuer');
        expect(getAt(cert!.object, '/spec/issuerRef/group')).toBe('cert-manager.io');
        const issuer = issuers.get(String(getAt(cert!.object, '/spec/issuerRef/name')));
        expect(issuer, `${cert!.id.name} issuer is applied from clusters/${env}`).toBeDefined();
      }
      expect(
        hosts.every((h) => String(h).endsWith('.example.org')),
        'hosts are real environment hosts, not the base placeholder',
      ).toBe(true);
    }
    const servers = [...issuers.values()].map((i) => String(getAt(i.object, '/spec/acme/server')));
    const expected =
      env === 'production'
        ? 'https://acme-v02.api.letsencrypt.org/directory'
        : 'https://acme-staging-v02.api.letsencrypt.org/directory';
    expect(servers).toEqual([expected]);
    for (const issuer of issuers.values()) {
      const solvers = list(getAt(issuer.object, '/spec/acme/solvers'));
      expect(solvers.map((s) => getAt(s, '/http01/ingress/ingressClassName'))).toEqual(['nginx']);
    }
  });

  it('denies all traffic by default and opens only what each workload needs', () => {
    const policies = ofKind(env, 'NetworkPolicy');
    const deny = policies.filter(
      (p) =>
        isObject(getAt(p.object, '/spec/podSelector')) &&
        Object.keys(obj(getAt(p.object, '/spec/podSelector'))).length === 0 &&
        list(getAt(p.object, '/spec/policyTypes')).includes('Ingress') &&
        list(getAt(p.object, '/spec/policyTypes')).includes('Egress') &&
        list(getAt(p.object, '/spec/ingress')).length === 0 &&
        list(getAt(p.object, '/spec/egress')).length === 0,
    );
    expect(deny.map((p) => p.id.namespace)).toEqual([NAMESPACE[env]]);

    const api = one(env, 'NetworkPolicy', 'relay-api');
    const sources = list(getAt(api.object, '/spec/ingress')).flatMap((rule) =>
      list(getAt(rule, '/from')).map((peer) => {
        const ns = getAt(peer, '/namespaceSelector/matchLabels/kubernetes.io~1metadata.name');
        return ns === undefined
          ? `pods:${String(getAt(peer, '/podSelector/matchLabels/app.kubernetes.io~1component'))}`
          : `ns:${String(ns)}`;
      }),
    );
    expect(sources.sort()).toEqual(['ns:ingress-nginx', 'ns:monitoring', 'pods:api']);

    const egressPorts = (p: Resource): string[] =>
      list(getAt(p.object, '/spec/egress')).flatMap((rule) =>
        list(getAt(rule, '/ports')).map(
          (port) => `${String(getAt(port, '/protocol'))}/${String(getAt(port, '/port'))}`,
        ),
      );
    expect(egressPorts(one(env, 'NetworkPolicy', 'allow-dns-egress')).sort()).toEqual(['TCP/53', 'UDP/53']);
    const db = one(env, 'NetworkPolicy', 'relay-allow-database-egress');
    expect(egressPorts(db)).toEqual(['TCP/5432']);
    const dbPeers = list(getAt(db.object, '/spec/egress/0/to'));
    expect(dbPeers.length, 'database egress names its destination').toBeGreaterThan(0);
    if (env === 'staging') {
      const postgres = one(env, 'StatefulSet', 'postgres');
      const tpl = podTemplate(postgres)!;
      expect(selectorMatches(asSelector(getAt(dbPeers[0], '/podSelector')), tpl.labels)).toBe(true);
    } else {
      expect(getAt(dbPeers[0], '/ipBlock/cidr')).toMatch(/^\d+\.\d+\.\d+\.\d+\/\d+$/);
    }

    // Every workload pod is selected by some policy besides the default deny.
    for (const w of workloads(env)) {
      const selected = policies.filter(
        (p) =>
          !deny.includes(p) && selectorMatches(asSelector(getAt(p.object, '/spec/podSelector')), w.template.labels),
      );
      expect(selected.length, `${w.label} has an explicit policy`).toBeGreaterThan(0);
    }
  });

  it('keeps secrets out of the render and reads them from an ExternalSecret', () => {
    for (const r of rendered[env]) {
      if (r.kind !== 'Secret') continue;
      expect(r.object['data'], `Secret ${r.id.name} carries data`).toBeUndefined();
      expect(r.object['stringData'], `Secret ${r.id.name} carries stringData`).toBeUndefined();
    }
    expect(ofKind(env, 'Secret')).toEqual([]);
    const externalSecrets = ofKind(env, 'ExternalSecret');
    expect(externalSecrets.map((e) => e.apiVersion)).toEqual(['external-secrets.io/v1']);
    expect(externalSecrets.map((e) => getAt(e.object, '/spec/secretStoreRef/kind'))).toEqual(['ClusterSecretStore']);
    const produced = new Set(externalSecrets.map((e) => String(getAt(e.object, '/spec/target/name') ?? e.id.name)));
    const keys = new Set(
      externalSecrets.flatMap((e) => list(getAt(e.object, '/spec/data')).map((d) => String(getAt(d, '/secretKey')))),
    );

    let references = 0;
    for (const w of workloads(env)) {
      for (const c of containersOf(w.template)) {
        for (const from of list(c.container['envFrom'])) {
          const name = getAt(from, '/secretRef/name');
          if (name === undefined) continue;
          references++;
          expect(
            produced.has(String(name)),
            `${w.label} reads Secret ${String(name)} that an ExternalSecret produces`,
          ).toBe(true);
        }
        for (const e of list(c.container['env'])) {
          const ref = getAt(e, '/valueFrom/secretKeyRef');
          if (ref === undefined) continue;
          references++;
          expect(produced.has(String(getAt(ref, '/name'))), `${w.label} env ${String(getAt(e, '/name'))}`).toBe(true);
          expect(keys.has(String(getAt(ref, '/key'))), `${w.label} key ${String(getAt(ref, '/key'))} is fetched`).toBe(
            true,
          );
        }
      }
    }
    expect(references).toBeGreaterThan(0);
  });

  it('wires generated configuration with its hash suffix and the environment database', () => {
    const configMaps = ofKind(env, 'ConfigMap');
    expect(configMaps).toHaveLength(1);
    const cm = configMaps[0]!;
    expect(cm.id.name).toMatch(/^relay-config-[a-z0-9]{10}$/);
    for (const w of workloads(env).filter((x) => labelsOf(x.resource)['app.kubernetes.io/name'] === 'relay')) {
      const refs = containersOf(w.template).flatMap((c) =>
        list(c.container['envFrom']).map((f) => getAt(f, '/configMapRef/name')),
      );
      expect(refs, w.label).toContain(cm.id.name);
    }
    const host = String(getAt(cm.object, '/data/DATABASE_HOST'));
    if (env === 'staging') {
      expect(host).toBe('postgres-0.postgres');
      expect(getAt(one(env, 'Service', 'postgres').object, '/spec/clusterIP')).toBe('None');
      expect(list(getAt(one(env, 'StatefulSet', 'postgres').object, '/spec/volumeClaimTemplates')).length).toBe(1);
      expect(getAt(cm.object, '/data/LOG_LEVEL')).toBe('debug');
    } else {
      expect(host).toMatch(/\.internal$/);
      expect(getAt(cm.object, '/data/DATABASE_SSLMODE')).toBe('verify-full');
    }
  });

  it('monitors the api through its Service and the worker through its pods', () => {
    const sm = one(env, 'ServiceMonitor', 'relay-api');
    const smSel = asSelector(getAt(sm.object, '/spec/selector'));
    const scraped = ofKind(env, 'Service').filter((s) => selectorMatches(smSel, labelsOf(s)));
    expect(
      scraped.map((s) => s.id.name),
      'exactly one Service is scraped',
    ).toEqual(['relay-api']);
    const svcPorts = list(getAt(scraped[0]!.object, '/spec/ports')).map((p) => getAt(p, '/name'));
    for (const ep of list(getAt(sm.object, '/spec/endpoints'))) expect(svcPorts).toContain(getAt(ep, '/port'));

    const pm = one(env, 'PodMonitor', 'relay-worker');
    const worker = workloads(env).find(
      (w) => w.resource.kind === 'Deployment' && w.resource.id.name === 'relay-worker',
    )!;
    expect(selectorMatches(asSelector(getAt(pm.object, '/spec/selector')), worker.template.labels)).toBe(true);
    const portNames = containersOf(worker.template).flatMap((c) =>
      list(c.container['ports']).map((p) => getAt(p, '/name')),
    );
    for (const ep of list(getAt(pm.object, '/spec/podMetricsEndpoints')))
      expect(portNames).toContain(getAt(ep, '/port'));

    const rules = ofKind(env, 'PrometheusRule').flatMap((r) =>
      list(getAt(r.object, '/spec/groups')).flatMap((g) => list(getAt(g, '/rules')).map(obj)),
    );
    const exprs = rules.map((r) => String(r['expr']));
    for (const metric of [
      'http_requests_total',
      'http_request_duration_seconds_bucket',
      'kube_pod_container_status_restarts_total',
      'certmanager_certificate_expiration_timestamp_seconds',
    ]) {
      expect(
        exprs.some((e) => e.includes(metric)),
        `an alert uses ${metric}`,
      ).toBe(true);
    }
    // The `job` an alert filters on is what the monitors' jobLabel produces for their targets.
    const jobs = new Set([
      labelsOf(scraped[0]!)[String(getAt(sm.object, '/spec/jobLabel'))],
      worker.template.labels[String(getAt(pm.object, '/spec/jobLabel'))],
    ]);
    for (const m of exprs.join('\n').matchAll(/\bjob="([^"]+)"/g))
      expect(jobs, `alerts filter on job="${m[1]}"`).toContain(m[1]);
    for (const rule of rules) {
      expect(rule['alert'], 'every rule is an alert').toBeTruthy();
      expect(getAt(rule, '/labels/severity'), String(rule['alert'])).toMatch(/^(critical|warning)$/);
      expect(getAt(rule, '/annotations/summary'), String(rule['alert'])).toBeTruthy();
    }
  });
});

describe('staging and production differ where they should', () => {
  it('autoscales staging within a smaller range than production', () => {
    for (const name of ['relay-api', 'relay-worker']) {
      const stg = one('staging', 'HorizontalPodAutoscaler', name);
      const prod = one('production', 'HorizontalPodAutoscaler', name);
      expect(Number(getAt(stg.object, '/spec/maxReplicas')), name).toBeLessThan(
        Number(getAt(prod.object, '/spec/maxReplicas')),
      );
      expect(Number(getAt(stg.object, '/spec/minReplicas')), name).toBeLessThanOrEqual(
        Number(getAt(prod.object, '/spec/minReplicas')),
      );
    }
  });

  it('uses different hosts and issuers', () => {
    const host = (env: EnvName): JsonValue | undefined =>
      getAt(one(env, 'Ingress', 'relay-api').object, '/spec/rules/0/host');
    expect(host('staging')).not.toEqual(host('production'));
    const issuers = (env: EnvName): string[] =>
      clusterRender(env)
        .filter((r) => r.kind === 'ClusterIssuer')
        .map((i) => i.id.name);
    expect(issuers('staging')).toEqual(['letsencrypt-staging']);
    expect(issuers('production')).toEqual(['letsencrypt-production']);
  });

  it('runs a newer release in staging than in production, set per overlay and never in base', () => {
    const version = (env: EnvName): string =>
      strings(getAt(one(env, 'Deployment', 'relay-api').object, '/metadata/labels'))['app.kubernetes.io/version']!;
    expect(version('staging')).toBe('1.5.0');
    expect(version('production')).toBe('1.4.2');
    const base = parseRender(renderDir('base'), 'staging');
    for (const r of base) {
      expect(labelsOf(r)['app.kubernetes.io/version'], `${r.kind}/${r.id.name} in base`).toBeUndefined();
      const template = podTemplate(r);
      for (const c of template ? containersOf(template) : [])
        expect(String(c.container['image']), 'base pins no release').toBe('ghcr.io/example-org/relay');
    }
  });

  it('sizes production larger than staging: autoscaling floor, requests and ingress rate limits', () => {
    const hpaMin = (env: EnvName): number =>
      Number(getAt(one(env, 'HorizontalPodAutoscaler', 'relay-api').object, '/spec/minReplicas'));
    expect(hpaMin('production')).toBeGreaterThan(hpaMin('staging'));
    const cpu = (env: EnvName): string =>
      String(
        getAt(one(env, 'Deployment', 'relay-api').object, '/spec/template/spec/containers/0/resources/requests/cpu'),
      );
    expect([cpu('staging'), cpu('production')]).toEqual(['100m', '250m']);
    const rps = (env: EnvName): number =>
      Number(
        strings(getAt(one(env, 'Ingress', 'relay-api').object, '/metadata/annotations'))[
          'nginx.ingress.kubernetes.io/limit-rps'
        ],
      );
    expect(rps('production')).toBeGreaterThan(rps('staging'));
    const origin = (env: EnvName): string | undefined =>
      strings(getAt(one(env, 'Ingress', 'relay-api').object, '/metadata/annotations'))[
        'nginx.ingress.kubernetes.io/cors-allow-origin'
      ];
    expect(origin('staging')).toBe('https://app.staging.example.org');
    expect(origin('production')).toBe('https://app.example.org');
  });
});

describe.each(ENVIRONMENTS)('%s: what the reference deployments run', (env) => {
  it('gates the api and the worker on the database with an init container running the release image', () => {
    for (const name of ['relay-api', 'relay-worker']) {
      const spec = obj(getAt(one(env, 'Deployment', name).object, '/spec/template/spec'));
      const init = list(spec['initContainers']).map(obj);
      expect(
        init.map((c) => c['name']),
        name,
      ).toEqual(['wait-for-database']);
      expect(init[0]!['args']).toEqual(['db', 'wait', '--schema', '--timeout=300s']);
      expect(init[0]!['image']).toBe(obj(list(spec['containers'])[0])['image']);
    }
  });

  it('runs the release migration as a hardened Job that removes itself', () => {
    const job = one(env, 'Job', 'relay-migrate');
    expect(getAt(job.object, '/spec/ttlSecondsAfterFinished')).toBe(600);
    expect(getAt(job.object, '/spec/template/spec/restartPolicy')).toBe('Never');
    const c = obj(list(getAt(job.object, '/spec/template/spec/containers'))[0]);
    expect(c['args']).toEqual(['db', 'migrate', '--lock-timeout=60s']);
    expect(getAt(c, '/securityContext/readOnlyRootFilesystem')).toBe(true);
    expect(getAt(job.object, '/spec/template/spec/securityContext/runAsNonRoot')).toBe(true);
    expect(labelsOf(job)['app.kubernetes.io/version']).toBe(env === 'staging' ? '1.5.0' : '1.4.2');
  });

  it('carries pod and namespace labels on every scraped series', () => {
    for (const [kind, name, field] of [
      ['ServiceMonitor', 'relay-api', 'endpoints'],
      ['PodMonitor', 'relay-worker', 'podMetricsEndpoints'],
    ] as const) {
      const endpoint = obj(list(getAt(one(env, kind, name).object, `/spec/${field}`))[0]);
      const relabel = list(endpoint['relabelings']).map(obj);
      const targets = new Map(relabel.map((r) => [r['targetLabel'], list(r['sourceLabels'])[0]]));
      expect(targets.get('pod')).toBe('__meta_kubernetes_pod_name');
      expect(targets.get('namespace')).toBe('__meta_kubernetes_namespace');
    }
  });

  it('alerts on availability, errors, latency and memory, naming the api job', () => {
    const rules = list(getAt(one(env, 'PrometheusRule', 'relay').object, '/spec/groups')).flatMap((g) =>
      list(getAt(g, '/rules')).map(obj),
    );
    const byName = new Map(rules.map((r) => [String(r['alert']), String(r['expr'])]));
    expect(byName.get('RelayApiTargetDown')).toMatch(/up\{job="api"\}/);
    expect(byName.get('RelayApiTargetAbsent')).toMatch(/absent\(up\{job="api"/);
    expect(byName.get('RelayApiHighErrorRate')).toMatch(/job="api", code=~"5\.\."/);
    expect(byName.get('RelayApiHighLatencyP95')).toMatch(/histogram_quantile/);
    expect(byName.get('RelayContainerMemoryNearLimit')).toMatch(
      /container_memory_working_set_bytes[\s\S]*kube_pod_container_resource_limits/,
    );
    for (const r of rules) {
      expect(getAt(r, '/labels/severity'), String(r['alert'])).toMatch(/^(critical|warning)$/);
      expect(getAt(r, '/annotations/runbook_url'), String(r['alert'])).toMatch(/^https:\/\//);
    }
  });

  it(
    env === 'staging'
      ? 'backs up the in-cluster database nightly and alerts on its connections and disk'
      : 'has no in-cluster database, backup or database alerts',
    () => {
      const backups = rendered[env].filter((r) => r.kind === 'CronJob' && r.id.name === 'postgres-backup');
      const rules = rendered[env].filter((r) => r.kind === 'PrometheusRule' && r.id.name === 'postgres');
      if (env === 'production') {
        expect([...backups, ...rules]).toEqual([]);
        return;
      }
      const cron = backups[0]!;
      expect(getAt(cron.object, '/spec/schedule')).toBe('15 1 * * *');
      const pod = obj(getAt(cron.object, '/spec/jobTemplate/spec/template/spec'));
      expect(getAt(pod, '/securityContext/runAsNonRoot')).toBe(true);
      expect(String(getAt(obj(list(pod['containers'])[0]), '/args/0'))).toMatch(/pg_dump --format=custom/);
      const alerts = list(getAt(rules[0]!.object, '/spec/groups/0/rules')).map((r) => String(getAt(r, '/alert')));
      expect(alerts).toEqual(['PostgresTooManyConnections', 'PostgresDiskAlmostFull']);
    },
  );

  it('applies its ClusterIssuer from clusters/' + env + ', a folder that builds on its own', () => {
    const cluster = clusterRender(env);
    expect(cluster.map((r) => `${r.kind}/${r.id.name}`)).toEqual([`ClusterIssuer/letsencrypt-${env}`]);
    for (const r of cluster) expect(getAt(r.object, '/metadata/namespace')).toBeUndefined();
  });
});
