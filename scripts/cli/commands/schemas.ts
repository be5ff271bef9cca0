// `kcfg schemas import FILE...`: copy the CustomResourceDefinitions of a file (`kubectl get crd -o yaml`, an
// operator's release manifests) into the repository, one file per CRD, so `schemas.crds` can validate their
// custom resources offline. Cluster state (status, managed fields, resource versions) is left behind.

import { mkdirSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { UsageError } from '../../core/errors.js';
import { writeFileAtomic } from '../../core/fs.js';
import { isObject, type KObject } from '../../core/resource.js';
import { readWholeInput } from '../../check/stream-input.js';
import { expandLists } from '../../resources/expand-lists.js';
import { parseStream } from '../../resources/parse.js';
import { yamlModule } from '../../resources/yaml-lazy.js';
import { isCrd } from '../../schemas/crds.js';
import { toPosix } from '../../workspace/paths.js';
import { isWithin, realOf } from '../../workspace/paths.js';
import { parse, str } from '../args.js';
import { argsDir, loadContext } from '../context.js';

const DEFAULT_DIR = 'schemas/crds';

/** Metadata the cluster writes; a CRD kept in a repository carries none of it. */
const CLUSTER_METADATA = ['managedFields', 'resourceVersion', 'uid', 'creationTimestamp', 'generation', 'selfLink'];

export async function schemasCommand(argv: string[]): Promise<number> {
  const p = parse(argv, { out: { type: 'string' } });
  const [sub, ...files] = p.positionals;
  if (sub !== 'import')
    throw new UsageError(
      sub === undefined ? 'kcfg schemas needs a subcommand' : `unknown subcommand '${sub}'`,
      'kcfg schemas import FILE... [--out DIR]',
    );
  if (files.length === 0) throw new UsageError('schemas import needs a file (or - for standard input)');
  const config = loadContext(p);
  const cwd = argsDir(p);
  const outDir = resolve(config.root, str(p, 'out') ?? DEFAULT_DIR);
  const realRoot = realOf(config.root) ?? config.root;
  if (!isWithin(resolve(realRoot, relative(config.root, outDir)), realRoot))
    throw new UsageError(`--out ${str(p, 'out')} is outside the repository`, 'CRDs are imported into the repository');

  const written: string[] = [];
  for (const arg of files) {
    const input = await readWholeInput(cwd, arg);
    if ('refused' in input) throw new UsageError(`${input.file}: ${input.refused.message}`);
    const parsed = parseStream(input.text, input.file);
    if (parsed.findings.length > 0) {
      const f = parsed.findings[0];
      throw new UsageError(`${input.file}:${f.source?.line ?? 1}: ${f.message}`, 'fix the file, then import it again');
    }
    const crds = expandLists(parsed.documents)
      .map((d) => d.value)
      .filter((v): v is KObject => isObject(v) && isCrd(v));
    if (crds.length === 0)
      throw new UsageError(`${input.file} holds no CustomResourceDefinition`, 'kubectl get crd NAME -o yaml gives one');
    mkdirSync(outDir, { recursive: true });
    for (const crd of crds) {
      const name = String((crd['metadata'] as KObject)['name']);
      if (!/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/.test(name))
        throw new UsageError(`${input.file}: CRD name "${name}" is not a valid object name`);
      const file = resolve(outDir, `${name}.yaml`);
      writeFileAtomic(file, yamlModule().stringify(clean(crd), { lineWidth: 0 }));
      written.push(toPosix(relative(config.root, file)));
    }
  }
  for (const w of written) process.stdout.write(`wrote ${w}\n`);
  const rel = toPosix(relative(config.root, outDir));
  if (!config.schemas.crds.some((g) => g.startsWith(rel)))
    process.stdout.write(
      `add to kcfg.yaml so kcfg validates their custom resources:\n  schemas:\n    crds: [${rel}/*.yaml]\n`,
    );
  return 0;
}

function clean(crd: KObject): KObject {
  const { status: _status, ...rest } = crd;
  const meta = { ...(rest['metadata'] as KObject) };
  for (const key of CLUSTER_METADATA) delete meta[key];
  if (isObject(meta['annotations'])) {
    const annotations = { ...meta['annotations'] };
    delete annotations['kubectl.kubernetes.io/last-applied-configuration'];
    if (Object.keys(annotations).length > 0) meta['annotations'] = annotations;
    else delete meta['annotations'];
  }
  return { ...rest, metadata: meta };
}
