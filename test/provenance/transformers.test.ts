import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RenderedEnvironment } from '../../scripts/core/rendered.js';
import type { Environment } from '../../scripts/core/resource.js';
import { createLocator } from '../../scripts/provenance/index.js';
import { find, lineOf, render, writeTree } from './fixture.js';
import { TRANSFORMED } from './transformers-fixture.js';

const INNER: Environment = { name: 'inner', dir: 'inner', kubernetesVersion: '1.32' };
const OUTER: Environment = { name: 'outer', dir: 'outer', kubernetesVersion: '1.32' };
let root: string;
let inner: RenderedEnvironment;
let outer: RenderedEnvironment;

beforeAll(async () => {
  root = writeTree(TRANSFORMED);
  [inner, outer] = await Promise.all([render(root, INNER), render(root, OUTER)]);
}, 60_000);

afterAll(() => rmSync(root, { recursive: true, force: true }));

/** `file:line:column` of `needle` (the column of `at`, which defaults to the needle itself). */
function expected(file: string, needle: string, at = needle, occurrence = 1): string {
  const line = lineOf(root, file, needle, occurrence);
  const text = readFileSync(join(root, file), 'utf8').split('\n')[line - 1]!;
  return `${file}:${line}:${text.indexOf(at) + 1}`;
}

const K = 'inner/kustomization.yaml';
const MANY = 'inner/many.yaml';
const PATCHES = 'inner/patches.yaml';
const c0 = '/spec/template/spec/containers/0';

interface Case {
  what: string;
  env: 'inner' | 'outer';
  kind: string;
  /** The rendered name, or its start for a generated (hashed) one. */
  name: string;
  pointer: string;
  file: string;
  needle: string;
  at?: string;
  occurrence?: number;
}

const cases: Case[] = [
  // Each builtin kind, in a single-document file, a multi-document file and an inline entry.
  {
    what: 'ImageTagTransformer: its newTag line',
    env: 'inner',
    kind: 'Deployment',
    name: 'pay-in-web',
    pointer: `${c0}/image`,
    file: MANY,
    needle: 'newTag: "1.27"',
  },
  {
    what: 'LabelTransformer: metadata label',
    env: 'inner',
    kind: 'Deployment',
    name: 'pay-in-web',
    pointer: '/metadata/labels/team',
    file: MANY,
    needle: 'team: payments',
  },
  {
    what: 'LabelTransformer: template label through a kind-scoped field spec',
    env: 'inner',
    kind: 'Deployment',
    name: 'pay-in-web',
    pointer: '/spec/template/metadata/labels/team',
    file: MANY,
    needle: 'team: payments',
  },
  {
    what: 'LabelTransformer: a field it has no field spec for stays with the base',
    env: 'inner',
    kind: 'Deployment',
    name: 'pay-in-web',
    pointer: '/spec/selector/matchLabels/app',
    file: 'base/app.yaml',
    needle: 'app: web',
  },
  {
    what: 'AnnotationsTransformer',
    env: 'inner',
    kind: 'Service',
    name: 'pay-in-web',
    pointer: '/metadata/annotations/owner',
    file: MANY,
    needle: 'owner: platform',
  },
  {
    what: 'PrefixSuffixTransformer: prefix',
    env: 'inner',
    kind: 'Service',
    name: 'pay-in-web',
    pointer: '/metadata/name',
    file: MANY,
    needle: 'prefix: pay-',
  },
  {
    what: 'inline entry: NamespaceTransformer',
    env: 'inner',
    kind: 'Deployment',
    name: 'pay-in-web',
    pointer: '/metadata/namespace',
    file: K,
    needle: 'namespace: team-a',
  },
  {
    what: 'inline entry: PatchTransformer with an inline patch inside it',
    env: 'inner',
    kind: 'Deployment',
    name: 'pay-in-web',
    pointer: '/spec/minReadySeconds',
    file: K,
    needle: 'value: 5',
  },
  {
    what: 'PatchStrategicMergeTransformer: a file in paths',
    env: 'inner',
    kind: 'Deployment',
    name: 'pay-in-web',
    pointer: `${c0}/resources/limits/memory`,
    file: 'inner/memory.yaml',
    needle: 'memory: 256Mi',
  },
  {
    what: 'PatchStrategicMergeTransformer: the patches string',
    env: 'inner',
    kind: 'Deployment',
    name: 'pay-in-web',
    pointer: '/spec/progressDeadlineSeconds',
    file: PATCHES,
    needle: 'progressDeadlineSeconds: 120',
  },
  {
    what: 'PatchJson6902Transformer: inside the jsonOp string',
    env: 'inner',
    kind: 'Deployment',
    name: 'pay-in-web',
    pointer: '/spec/template/spec/hostNetwork',
    file: PATCHES,
    needle: 'jsonOp:',
    at: '"value"',
  },
  {
    what: 'ReplacementTransformer: the replacement source',
    env: 'inner',
    kind: 'Deployment',
    name: 'pay-in-web',
    pointer: `${c0}/env/0/value`,
    file: PATCHES,
    needle: 'fieldPath: metadata.name',
  },
  // Order within a layer: its own fields, then the inline entries, then the files.
  {
    what: 'ReplicaCountTransformer: a file beats the replicas field of its layer',
    env: 'inner',
    kind: 'Deployment',
    name: 'pay-in-web',
    pointer: '/spec/replicas',
    file: 'inner/replicas.yaml',
    needle: 'count: 3',
  },
  {
    what: 'inline entries run before the files, even when listed after them',
    env: 'inner',
    kind: 'Service',
    name: 'pay-in-web',
    pointer: '/metadata/labels/team',
    file: MANY,
    needle: 'team: payments',
  },
  {
    what: 'a PatchTransformer target matches the name an earlier prefix gave',
    env: 'inner',
    kind: 'Deployment',
    name: 'pay-in-web',
    pointer: '/spec/template/spec/terminationGracePeriodSeconds',
    file: MANY,
    needle: 'terminationGracePeriodSeconds',
  },
  {
    what: 'a generated name renamed by a PrefixSuffixTransformer',
    env: 'outer',
    kind: 'ConfigMap',
    name: 'pay-in-settings-v2-',
    pointer: '/metadata/name',
    file: 'outer/outer.yaml',
    needle: 'suffix: -v2',
  },
  {
    what: 'a generated data key through renaming configurations',
    env: 'outer',
    kind: 'ConfigMap',
    name: 'pay-in-settings-v2-',
    pointer: '/data/MODE',
    file: K,
    needle: '- MODE=standard',
    at: 'MODE',
  },
  // What provenance does not follow, or what did not apply, falls back to the base.
  {
    what: 'a non-matching PatchTransformer target falls back to the base',
    env: 'inner',
    kind: 'Deployment',
    name: 'pay-in-web',
    pointer: '/spec/revisionHistoryLimit',
    file: 'base/app.yaml',
    needle: 'revisionHistoryLimit: 5',
  },
  {
    what: 'a directory entry falls back to the base',
    env: 'inner',
    kind: 'Deployment',
    name: 'pay-in-web',
    pointer: '/metadata/annotations/reviewed',
    file: 'base/app.yaml',
    needle: 'metadata:',
  },
  // Outer layers run after inner ones.
  {
    what: 'an outer replicas field beats an inner ReplicaCountTransformer',
    env: 'outer',
    kind: 'Deployment',
    name: 'pay-in-web-v2',
    pointer: '/spec/replicas',
    file: 'outer/kustomization.yaml',
    needle: 'count: 6',
  },
  {
    what: 'an outer LabelTransformer beats the inner one',
    env: 'outer',
    kind: 'Deployment',
    name: 'pay-in-web-v2',
    pointer: '/metadata/labels/team',
    file: 'outer/outer.yaml',
    needle: 'team: checkout',
  },
  {
    what: 'an outer images entry found through an inner ImageTagTransformer newName',
    env: 'outer',
    kind: 'Deployment',
    name: 'pay-in-web-v2',
    pointer: `${c0}/image`,
    file: 'outer/kustomization.yaml',
    needle: 'digest: sha256',
  },
  {
    what: 'an outer SuffixTransformer',
    env: 'outer',
    kind: 'Service',
    name: 'pay-in-web-v2',
    pointer: '/metadata/name',
    file: 'outer/outer.yaml',
    needle: 'suffix: -v2',
  },
  {
    what: 'inner configurations still explain what the outer layer leaves',
    env: 'outer',
    kind: 'Deployment',
    name: 'pay-in-web-v2',
    pointer: '/spec/template/metadata/labels/team',
    file: MANY,
    needle: 'team: payments',
  },
  {
    what: 'an inner inline NamespaceTransformer under an outer layer',
    env: 'outer',
    kind: 'Service',
    name: 'pay-in-web-v2',
    pointer: '/metadata/namespace',
    file: K,
    needle: 'namespace: team-a',
  },
];

describe('locate through `transformers` configurations', () => {
  it.each(cases)('$what', (c) => {
    const env = c.env === 'inner' ? inner : outer;
    const locator = createLocator({ root, env: env.env });
    const name = c.name.endsWith('-') ? new RegExp(`^${c.name}[a-z0-9]{10}$`) : c.name;
    const { source } = locator.locate(find(env, c.kind, name), c.pointer);
    expect(source ? `${source.file}:${source.line}:${source.column}` : undefined, c.pointer).toBe(
      expected(c.file, c.needle, c.at, c.occurrence),
    );
  });

  it('multi-document file: each document answers for what it set', () => {
    const locator = createLocator({ root, env: INNER });
    const deployment = find(inner, 'Deployment', 'pay-in-web');
    const lines = [
      '/metadata/labels/team',
      '/metadata/annotations/owner',
      `${c0}/image`,
      '/metadata/name',
      '/spec/template/spec/terminationGracePeriodSeconds',
    ].map((pointer) => {
      const { source } = locator.locate(deployment, pointer);
      expect(source?.file, pointer).toBe(MANY);
      return source!.line;
    });
    const documents = lines.map(
      (line) =>
        readFileSync(join(root, MANY), 'utf8')
          .split('\n')
          .slice(0, line)
          .filter((l) => l === '---').length,
    );
    expect(documents).toEqual([0, 1, 2, 3, 4]);
  });

  it('every leaf of every resource gets a source line, in both environments', () => {
    for (const env of [inner, outer]) {
      const locator = createLocator({ root, env: env.env });
      const missing: string[] = [];
      for (const resource of env.resources) {
        const visit = (v: unknown, pointer: string): void => {
          if (Array.isArray(v)) return v.forEach((x, i) => visit(x, `${pointer}/${i}`));
          if (v !== null && typeof v === 'object')
            return Object.entries(v).forEach(([k, x]) =>
              visit(x, `${pointer}/${k.replace(/~/g, '~0').replace(/\//g, '~1')}`),
            );
          if (!locator.locate(resource, pointer).source)
            missing.push(`${env.env.name} ${resource.kind}/${resource.id.name} ${pointer}`);
        };
        visit(resource.object, '');
      }
      expect(missing).toEqual([]);
    }
  });
});
