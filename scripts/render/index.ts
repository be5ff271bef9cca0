// Render environments with the real Kustomize engine through a wrapper kustomization that asks for origin
// annotations, in parallel, through the content-hash cache.

import { problem } from '../codes/index.js';
import { readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import jsYaml from 'js-yaml';
import type { Config } from '../config/types.js';
import { KcfgError } from '../core/errors.js';
import type { RenderedEnvironment } from '../core/rendered.js';
import type { Environment, Finding, Origin, Resource } from '../core/resource.js';
import type { SourceLocation } from '../core/diagnostic.js';
import { isObject } from '../core/resource.js';
import { createLocator } from '../provenance/index.js';
import { buildResources } from '../resources/build.js';
import { unsafeInput } from '../resources/guard.js';
import { parseStream } from '../resources/parse.js';
import { schemasDir } from '../schemas/location.js';
import { walkClosure, type Closure } from '../workspace/closure.js';
import { absolute, toPosix } from '../workspace/paths.js';
import { cacheKey, readCache, writeCache, type CacheEntry } from './cache.js';
import { buildArgs, detectEngine, run, type Engine } from './engine.js';
import { explainFailure } from './failure.js';
import { refusedInput } from './inputs.js';
import { makeWrapperDir, removeWrapperDir } from './lifecycle.js';
import { probeNoops } from './noop/probe.js';
import { resolveOrigin } from './origin.js';
import { displayStreamText, RENDER_FAILED, streamDocuments } from './output.js';

export { detectEngine, type Engine } from './engine.js';
export { writeRenderOutput, RENDER_FAILED } from './output.js';

export interface RenderOptions {
  /** Use the content-hash cache (default true). */
  cache?: boolean;
  /** Parallel renders (default: number of CPUs). */
  concurrency?: number;
  /** An engine detected earlier; detected from the config otherwise. */
  engine?: Engine;
  /** Environment for the engine process and PATH lookup (default process.env). */
  processEnv?: NodeJS.ProcessEnv;
  /** Called when an engine process starts (a cache miss): the caller may use the wait to load modules. */
  onEngineStart?: () => void;
}

const WRAPPER_PREFIX = 'kcfg-render-';

/**
 * Render each environment. An engine that is missing or has the wrong version throws EngineError; an
 * environment Kustomize rejects comes back with no resources and a `render/failed` finding, so the others
 * still render and `check` can report everything.
 */
export async function renderEnvironments(
  config: Config,
  envs: readonly Environment[],
  opts: RenderOptions = {},
): Promise<RenderedEnvironment[]> {
  if (envs.length === 0) return [];
  const processEnv = opts.processEnv ?? process.env;
  const engine = opts.engine ?? (await detectEngine(config, processEnv));
  const toolVersion = readToolVersion();
  const limit = Math.max(1, opts.concurrency ?? availableParallelism());
  const results = new Array<RenderedEnvironment>(envs.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < envs.length) {
      const i = next++;
      results[i] = await renderOne(
        config,
        engine,
        envs[i],
        opts.cache !== false,
        toolVersion,
        processEnv,
        opts.onEngineStart,
      );
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, envs.length) }, worker));
  return results;
}

async function renderOne(
  config: Config,
  engine: Engine,
  env: Environment,
  useCache: boolean,
  toolVersion: string,
  processEnv: NodeJS.ProcessEnv,
  onEngineStart: (() => void) | undefined,
): Promise<RenderedEnvironment> {
  const root = config.root;
  const result: RenderedEnvironment = {
    env,
    resources: [],
    findings: [],
    locator: createLocator({ root, env }),
    engine: { command: engine.command, version: engine.version },
    cached: false,
    output: '',
    closure: [],
  };
  const fail = (f: { message: string; source?: SourceLocation; hint?: string }): RenderedEnvironment => {
    const { message, hint, ...where } = f;
    result.findings.push({
      ...problem(RENDER_FAILED, { detail: message, ...(hint !== undefined ? { advice: hint } : {}) }),
      ...where,
    });
    return result;
  };

  let walked: Closure;
  const restricted = config.engine.loadRestrictor !== 'None';
  try {
    walked = walkClosure(root, env.dir, { outsideRoot: !restricted });
  } catch (e) {
    if (!(e instanceof KcfgError)) throw e;
    return fail({
      message: e.message,
      ...(e.location ? { source: e.location } : {}),
      ...(e.hint ? { hint: e.hint } : {}),
    });
  }
  // Checked before the cache key, which reads every input: nothing outside the root, no devices, no giants.
  const refused = refusedInput(root, walked, { insideRootOnly: restricted });
  if (refused)
    return fail({
      message: `Kustomize was not run for ${env.dir}: ${refused.message}`,
      ...(refused.source ? { source: refused.source } : {}),
      ...(refused.hint ? { hint: refused.hint } : {}),
    });
  result.closure = walked.files;
  const overlay = walked.kustomizations.get(env.dir);
  if (!overlay)
    return fail({
      message: `${env.dir} has no kustomization.yaml`,
      hint: 'an environment is a directory Kustomize can build',
    });

  // The relative path from any wrapper directory (a child of the temp folder) is the same for every run, so is the key.
  const sampleWrapper = join(tmpdir(), `${WRAPPER_PREFIX}${process.pid}-XXXXXX`);
  const wrapper = wrapperText(toPosix(relative(sampleWrapper, absolute(root, env.dir))), overlay.data);
  const key = cacheKey({
    root,
    env: env.name,
    dir: env.dir,
    files: walked.files,
    kustomizations: walked.kustomizations,
    engine,
    wrapper,
    toolVersion,
  });

  const cached = useCache ? readCache(config.cacheDir, key) : undefined;
  if (cached) {
    result.cached = true;
    return fromEntry(result, cached);
  }
  for (const file of walked.files) {
    const unsafe = unsafeInput(absolute(root, file), file);
    if (unsafe)
      return fail({
        message: `Kustomize was not run for ${env.dir}: ${file}: ${unsafe.message} (${unsafe.code})`,
        ...(unsafe.source ? { source: unsafe.source } : {}),
        ...(unsafe.hint ? { hint: unsafe.hint } : {}),
      });
  }
  // The no-op probe (a second build of a patched copy) runs alongside the real build.
  type Real = { resources: readonly Resource[]; text: string } | undefined;
  let renderedBy: (r: Real) => void = () => undefined;
  const real = new Promise<Real>((done) => (renderedBy = done));
  // A probe that cannot run reports nothing: the real build's verdict stands.
  const probe: Promise<Finding[]> = restricted
    ? probeNoops({ root, dir: env.dir, walked, engine, processEnv, rendered: real }).catch(() => [])
    : Promise.resolve([]);
  const wrapperDir = makeWrapperDir();
  let stdout: string;
  try {
    writeFileSync(join(wrapperDir, 'kustomization.yaml'), wrapper);
    const running = run(engine.binary, buildArgs(engine, wrapperDir), processEnv, wrapperDir);
    onEngineStart?.();
    const ran = await running;
    if (ran.error) {
      renderedBy(undefined);
      await probe;
      const why = explainFailure(ran.stderr || ran.error.message, {
        root,
        wrapperDir,
        files: walked.files,
        kustomizations: walked.kustomizations,
        overlay,
      });
      return fail({
        message: `Kustomize could not build ${env.dir}: ${why.message}`,
        ...(why.source ? { source: why.source } : {}),
        ...(why.hint ? { hint: why.hint } : {}),
      });
    }
    stdout = ran.stdout;
  } finally {
    removeWrapperDir(wrapperDir);
  }
  const entry = build(env.name, stdout, wrapperDir, root);
  // Silent no-ops are part of what the build did, so they are cached with it: a warm run pays nothing.
  renderedBy({ resources: entry.resources.map((r) => ({ ...r, env: env.name })) as Resource[], text: stdout });
  const noops = await probe;
  // Output kcfg could not fully read says nothing about what the entries matched.
  if (entry.findings.length === 0) entry.findings.push(...noops);
  if (useCache) writeCache(config.cacheDir, key, entry);
  return fromEntry(result, entry);
}

/** Engine stdout → resources with origins (annotations stripped, Secrets redacted) and the display stream. */
function build(envName: string, stdout: string, wrapperDir: string, root: string): CacheEntry {
  const parsed = parseStream(stdout, `<rendered:${envName}>`);
  const built = buildResources(parsed.documents, envName);
  const resources = built.resources.map((r, i) => {
    const origin = resolveOrigin(built.origins[i], wrapperDir, root);
    return { id: r.id, apiVersion: r.apiVersion, kind: r.kind, object: r.object, ...(origin ? { origin } : {}) };
  });
  // Positions in the raw stream mean nothing once it is re-serialised. A malformed object that Kustomize read
  // from a file (its origin annotation says which) is pinned to that file; the rest name the stream.
  const findings = [
    ...parsed.findings.map((f) => ({ f, origin: undefined as Origin | undefined })),
    ...built.findings.map((f, i) => ({ f, origin: resolveOrigin(built.findingOrigins[i], wrapperDir, root) })),
  ].map(({ f, origin }) => {
    const { source: _source, ...rest } = f;
    const source = origin?.type === 'file' ? locateMalformed(root, origin.file) : undefined;
    return { ...rest, message: `engine output: ${f.message}`, ...(source ? { source } : {}) };
  });
  return { ...displayStreamText(resources), resources, findings };
}

/** The first line of the first document in `file` that is not a well-formed object, else line 1. */
function locateMalformed(root: string, file: string): { file: string; line: number; column: number } {
  try {
    const text = readFileSync(absolute(root, file), 'utf8');
    const lines = text.split('\n');
    let start = 0;
    for (let i = 0; i <= lines.length; i++) {
      if (i < lines.length && !/^---(\s|$)/.test(lines[i])) continue;
      const doc = lines.slice(start, i).join('\n');
      if (
        /\S/.test(doc) &&
        (!/^apiVersion:\s*\S/m.test(doc) || !/^kind:\s*\S/m.test(doc) || !/^\s+name:\s*["']?[\w.-]/m.test(doc))
      ) {
        const first = lines.slice(start, i).findIndex((l) => /\S/.test(l) && !l.trimStart().startsWith('#'));
        return { file, line: start + (first < 0 ? 0 : first) + 1, column: 1 };
      }
      start = i + 1;
    }
  } catch {
    // unreadable: the file alone still says where to look
  }
  return { file, line: 1, column: 1 };
}

function fromEntry(result: RenderedEnvironment, entry: CacheEntry): RenderedEnvironment {
  const name = result.env.name;
  const docs = streamDocuments(entry.output, entry.starts, `<rendered:${name}>`);
  result.output = entry.output;
  result.resources = entry.resources.map((r, i) => ({ ...r, env: name, rendered: docs[i] }));
  result.findings.push(...entry.findings);
  return result;
}

/**
 * The one-entry kustomization kcfg builds instead of the overlay, to get origin annotations. It must not change
 * the verdict of `kubectl kustomize <overlay>`: a Component directory is listed under `components:` (as a
 * resource Kustomize would refuse it), and only the top-level sort order counts, so the overlay's is kept.
 */
function wrapperText(overlay: string, data: Record<string, unknown>): string {
  const k: Record<string, unknown> = {
    apiVersion: 'kustomize.config.k8s.io/v1beta1',
    kind: 'Kustomization',
    [data['kind'] === 'Component' ? 'components' : 'resources']: [overlay],
    buildMetadata: ['originAnnotations'],
  };
  const sortOptions = data['sortOptions'];
  if (isObject(sortOptions)) k['sortOptions'] = sortOptions;
  return jsYaml.dump(k);
}

let toolVersion: string | undefined;

function readToolVersion(): string {
  if (toolVersion) return toolVersion;
  try {
    const pkg = JSON.parse(readFileSync(join(dirname(schemasDir()), 'package.json'), 'utf8')) as { version?: string };
    toolVersion = `kcfg@${pkg.version ?? '0'}`;
  } catch {
    toolVersion = 'kcfg@unknown';
  }
  return toolVersion;
}
