import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RenderedEnvironment } from '../../scripts/core/rendered.js';
import type { Resource } from '../../scripts/core/resource.js';
import { createLocator } from '../../scripts/provenance/index.js';
import { find, lineOf, PROD, render, writeTree } from './fixture.js';

let root: string;
let prod: RenderedEnvironment;

beforeAll(async () => {
  root = writeTree();
  prod = await render(root, PROD);
}, 60_000);

afterAll(() => rmSync(root, { recursive: true, force: true }));

/** Rendered index of the list item whose `field` is `value` (the rendered order differs from the sources'). */
function indexOf(resource: Resource, pointer: string, field: string, value: string | number): number {
  let cur: unknown = resource.object;
  for (const seg of pointer.slice(1).split('/')) cur = (cur as Record<string, unknown>)[seg];
  const i = (cur as Record<string, unknown>[]).findIndex((x) => x[field] === value);
  if (i < 0) throw new Error(`no ${field}=${value} at ${pointer}`);
  return i;
}

const K = 'overlays/prod/kustomization.yaml';
const BASE_K = 'base/kustomization.yaml';
const COMPONENT_K = 'components/monitoring/kustomization.yaml';

interface Case {
  what: string;
  kind: string;
  name: string | RegExp;
  pointer: (r: Resource) => string;
  file: string;
  needle: string;
  occurrence?: number;
}

const containers = '/spec/template/spec/containers';
const api = (r: Resource): number => indexOf(r, containers, 'name', 'api');
const proxy = (r: Resource): number => indexOf(r, containers, 'name', 'proxy');

const cases: Case[] = [
  {
    what: 'replicas entry',
    kind: 'Deployment',
    name: 'prod-api',
    pointer: () => '/spec/replicas',
    file: K,
    needle: 'count: 3',
  },
  {
    what: 'strategic merge patch file',
    kind: 'Deployment',
    name: 'prod-api',
    pointer: (r) => `${containers}/${api(r)}/resources/limits/memory`,
    file: 'overlays/prod/memory.yaml',
    needle: 'memory: 512Mi',
  },
  {
    what: 'images entry',
    kind: 'Deployment',
    name: 'prod-api',
    pointer: (r) => `${containers}/${api(r)}/image`,
    file: K,
    needle: 'newTag: "2.0"',
  },
  {
    what: 'base file value',
    kind: 'Deployment',
    name: 'prod-api',
    pointer: (r) => `${containers}/${api(r)}/securityContext/runAsUser`,
    file: 'base/deployment.yaml',
    needle: 'runAsUser: 10001',
  },
  {
    what: 'missing field: deepest ancestor in base',
    kind: 'Deployment',
    name: 'prod-api',
    pointer: (r) => `${containers}/${api(r)}/securityContext/readOnlyRootFilesystem`,
    file: 'base/deployment.yaml',
    needle: 'securityContext:',
  },
  {
    what: 'base-layer patchesStrategicMerge',
    kind: 'Deployment',
    name: 'prod-api',
    pointer: (r) => `${containers}/${api(r)}/readinessProbe/periodSeconds`,
    file: 'base/probe.yaml',
    needle: 'periodSeconds: 5',
  },
  {
    what: 'inline strategic merge patch',
    kind: 'Deployment',
    name: 'prod-api',
    pointer: () => '/spec/template/spec/terminationGracePeriodSeconds',
    file: K,
    needle: 'terminationGracePeriodSeconds: 45',
  },
  {
    what: 'inline JSON6902 add: field of the added item',
    kind: 'Deployment',
    name: 'prod-api',
    pointer: (r) => `${containers}/${proxy(r)}/image`,
    file: K,
    needle: 'image: envoyproxy/envoy',
  },
  {
    what: 'inline JSON6902 add: item of an atomic list in the value',
    kind: 'Deployment',
    name: 'prod-api',
    pointer: (r) => `${containers}/${proxy(r)}/args/1`,
    file: K,
    needle: 'args: ["--log-level"',
  },
  {
    what: 'inline JSON6902 add: missing field below the added value',
    kind: 'Deployment',
    name: 'prod-api',
    pointer: (r) => `${containers}/${proxy(r)}/resources`,
    file: K,
    needle: '        value:',
  },
  {
    what: 'single-line JSON6902 replace of an ancestor',
    kind: 'Deployment',
    name: 'prod-api',
    pointer: () => '/spec/strategy/type',
    file: K,
    needle: `patch: '[{"op": "replace"`,
  },
  {
    what: 'component inline patch',
    kind: 'Deployment',
    name: 'prod-api',
    pointer: () => '/spec/template/metadata/annotations/prometheus.io~1scrape',
    file: COMPONENT_K,
    needle: 'prometheus.io/scrape',
  },
  {
    what: 'component patch adds a list item',
    kind: 'Deployment',
    name: 'prod-api',
    pointer: (r) =>
      `${containers}/${api(r)}/ports/${indexOf(r, `${containers}/${api(r)}/ports`, 'name', 'metrics')}/containerPort`,
    file: COMPONENT_K,
    needle: 'containerPort: 9090',
  },
  {
    what: 'list item matched by merge key, not index',
    kind: 'Deployment',
    name: 'prod-api',
    pointer: (r) =>
      `${containers}/${api(r)}/ports/${indexOf(r, `${containers}/${api(r)}/ports`, 'name', 'http')}/containerPort`,
    file: 'base/deployment.yaml',
    needle: 'containerPort: 8080',
  },
  {
    what: 'namePrefix',
    kind: 'Deployment',
    name: 'prod-api',
    pointer: () => '/metadata/name',
    file: K,
    needle: 'namePrefix: prod-',
  },
  {
    what: 'namespace',
    kind: 'Service',
    name: 'prod-api',
    pointer: () => '/metadata/namespace',
    file: K,
    needle: 'namespace: prod',
  },
  {
    what: 'labels pairs',
    kind: 'Deployment',
    name: 'prod-api',
    pointer: () => '/metadata/labels/team',
    file: K,
    needle: 'team: core',
  },
  {
    what: 'labels without includeSelectors leave selectors to the base',
    kind: 'Deployment',
    name: 'prod-api',
    pointer: () => '/spec/selector/matchLabels/app.kubernetes.io~1name',
    file: 'base/deployment.yaml',
    needle: 'app.kubernetes.io/name: api',
    occurrence: 2,
  },
  {
    what: 'commonAnnotations on the template',
    kind: 'Deployment',
    name: 'prod-api',
    pointer: () => '/spec/template/metadata/annotations/owner',
    file: K,
    needle: 'owner: platform',
  },
  {
    what: 'multi-document base file: the right document',
    kind: 'Service',
    name: 'prod-api',
    pointer: () => '/spec/ports/0/port',
    file: 'base/services.yaml',
    needle: 'port: 80',
    occurrence: 2,
  },
  {
    what: 'multi-document base file: same name, other kind',
    kind: 'ServiceAccount',
    name: 'prod-api',
    pointer: () => '',
    file: 'base/services.yaml',
    needle: 'apiVersion: v1',
    occurrence: 1,
  },
  {
    what: 'JSON6902 file patch with a regex target',
    kind: 'Service',
    name: 'prod-api-headless',
    pointer: () => '/spec/publishNotReadyAddresses',
    file: 'overlays/prod/headless.json6902.yaml',
    needle: 'value: true',
  },
  {
    what: 'regex target does not match a shorter name',
    kind: 'Service',
    name: 'prod-api',
    pointer: () => '/spec/publishNotReadyAddresses',
    file: 'base/services.yaml',
    needle: 'spec:',
    occurrence: 2,
  },
  {
    what: 'component resource',
    kind: 'ConfigMap',
    name: 'prod-dashboards',
    pointer: () => '/data/api.json',
    file: 'components/monitoring/dashboards.yaml',
    needle: 'api.json',
  },
  {
    what: 'generator literal merged in the overlay',
    kind: 'ConfigMap',
    name: /^prod-settings-/,
    pointer: () => '/data/LOG_LEVEL',
    file: K,
    needle: 'LOG_LEVEL=debug',
  },
  {
    what: 'generator literal from the base',
    kind: 'ConfigMap',
    name: /^prod-settings-/,
    pointer: () => '/data/MODE',
    file: BASE_K,
    needle: 'MODE=standard',
  },
  {
    what: 'generated resource: the generator entry',
    kind: 'ConfigMap',
    name: /^prod-settings-/,
    pointer: () => '/data',
    file: BASE_K,
    needle: '- name: settings',
  },
  {
    what: 'secret generator env file line',
    kind: 'Secret',
    name: /^prod-db-/,
    pointer: () => '/data/DB_PASSWORD',
    file: 'base/db.env',
    needle: 'DB_PASSWORD=',
  },
];

describe('locate: pointer → line to edit', () => {
  it.each(cases)('$what', (c) => {
    const locator = createLocator({ root, env: PROD });
    const resource = find(prod, c.kind, c.name);
    const pointer = c.pointer(resource);
    const { source } = locator.locate(resource, pointer);
    expect(source, pointer).toBeDefined();
    expect(`${source!.file}:${source!.line}`, pointer).toBe(
      `${c.file}:${lineOf(root, c.file, c.needle, c.occurrence)}`,
    );
  });
});

describe('locate: columns and the rendered position', () => {
  it('points at the key inside an inline block patch, indentation included', () => {
    const locator = createLocator({ root, env: PROD });
    const { source } = locator.locate(
      find(prod, 'Deployment', 'prod-api'),
      '/spec/template/spec/terminationGracePeriodSeconds',
    );
    expect(source).toEqual({ file: K, line: lineOf(root, K, 'terminationGracePeriodSeconds'), column: 13 });
  });

  it('points inside the value of a single-line quoted inline patch', () => {
    const locator = createLocator({ root, env: PROD });
    const { source } = locator.locate(find(prod, 'Deployment', 'prod-api'), '/spec/strategy/type');
    const line = lineOf(root, K, `patch: '[{"op"`);
    expect(source?.line).toBe(line);
    expect(source?.column).toBe(`    patch: '[{"op": "replace", "path": "/spec/strategy", "value": {`.length + 1);
  });

  it('also returns the position in the rendered stream', () => {
    const locator = createLocator({ root, env: PROD });
    const deployment = find(prod, 'Deployment', 'prod-api');
    const { rendered } = locator.locate(deployment, '/spec/replicas');
    expect(rendered?.file).toBe('<rendered:prod>');
    const lines = prod.output.split('\n');
    expect(lines[rendered!.line - 1]).toMatch(/^\s*replicas: 3$/);
  });
});

describe('locate: odd input', () => {
  it('returns only the rendered location without an origin', () => {
    const locator = createLocator({ root, env: PROD });
    const { origin: _origin, ...noOrigin } = find(prod, 'Deployment', 'prod-api');
    const result = locator.locate(noOrigin, '/spec/replicas');
    expect(result.source).toBeUndefined();
    expect(result.rendered).toBeDefined();
  });

  it('never throws for pointers that do not exist or do not parse', () => {
    const locator = createLocator({ root, env: PROD });
    const deployment = find(prod, 'Deployment', 'prod-api');
    for (const pointer of [
      '/nope/deeper/still',
      '/spec/template/spec/containers/99/image',
      'no-leading-slash',
      '/spec/replicas/0/x',
      '/~2',
    ]) {
      expect(() => locator.locate(deployment, pointer)).not.toThrow();
    }
    expect(locator.locate(deployment, '/nope/deeper').source?.file).toBe('base/deployment.yaml');
  });

  it('falls back to the file when the origin file no longer holds the resource', () => {
    const locator = createLocator({ root, env: PROD });
    const deployment = find(prod, 'Deployment', 'prod-api');
    const moved: Resource = { ...deployment, origin: { type: 'file', file: 'base/services.yaml' } };
    expect(locator.locate(moved, '/spec/selector').source).toMatchObject({ file: 'base/services.yaml', line: 1 });
  });

  it('costs nothing until asked, even for a root that does not exist', () => {
    expect(() => createLocator({ root: '/nonexistent/kcfg', env: PROD })).not.toThrow();
    const locator = createLocator({ root: '/nonexistent/kcfg', env: PROD });
    const result = locator.locate(find(prod, 'Deployment', 'prod-api'), '/spec/replicas');
    expect(result.source).toBeUndefined();
    expect(result.rendered).toBeDefined();
  });

  it('never puts a secret value into a location', () => {
    const locator = createLocator({ root, env: PROD });
    const secret = find(prod, 'Secret', /^prod-db-/);
    const result = locator.locate(secret, '/data/DB_PASSWORD');
    expect(JSON.stringify(result)).not.toContain('not-a-real-secret');
  });
});

describe('locate: every leaf of every resource', () => {
  it('gets a source line that names the field, unless a kustomization entry or patch operation set it', () => {
    const locator = createLocator({ root, env: PROD });
    const texts = new Map<string, string[]>();
    const lineText = (file: string, line: number): string => {
      if (!texts.has(file)) texts.set(file, readFileSync(join(root, file), 'utf8').split('\n'));
      return texts.get(file)![line - 1] ?? '';
    };
    const unexplained: string[] = [];
    let leaves = 0;
    for (const resource of prod.resources) {
      const visit = (v: unknown, pointer: string): void => {
        if (Array.isArray(v)) return v.forEach((x, i) => visit(x, `${pointer}/${i}`));
        if (v !== null && typeof v === 'object') {
          for (const [k, x] of Object.entries(v)) visit(x, `${pointer}/${k.replace(/~/g, '~0').replace(/\//g, '~1')}`);
          return;
        }
        leaves++;
        const { source } = locator.locate(resource, pointer);
        if (!source) return void unexplained.push(`${pointer}: no source`);
        const key = pointer.split('/').pop()!.replace(/~1/g, '/').replace(/~0/g, '~');
        const text = lineText(source.file, source.line);
        const entry =
          source.file.endsWith('kustomization.yaml') ||
          source.file.endsWith('.env') ||
          source.file.endsWith('json6902.yaml');
        if (!/^\d+$/.test(key) && !entry && !text.includes(key))
          unexplained.push(
            `${resource.kind}/${resource.id.name} ${pointer} → ${source.file}:${source.line} ${text.trim()}`,
          );
      };
      visit(resource.object, '');
    }
    expect(leaves).toBeGreaterThan(50);
    expect(unexplained).toEqual([]);
  });
});
