// The Kustomize engine: `kubectl kustomize` or `kustomize build`, found on PATH or configured, version checked.

import { execFile } from 'node:child_process';
import { accessSync, constants, readFileSync, realpathSync, statSync } from 'node:fs';
import { basename, delimiter, isAbsolute, join, resolve } from 'node:path';
import type { Config } from '../config/types.js';
import type { EngineInfo } from '../core/rendered.js';
import { EngineError } from '../core/errors.js';
import { writeFileAtomic } from '../core/fs.js';

export interface Engine extends EngineInfo {
  kind: 'kubectl' | 'kustomize';
  /** Resolved absolute path of the binary. */
  binary: string;
  /** Flags passed on every build (after the subcommand), e.g. the load restrictor. */
  flags: string[];
}

const INSTALL_HINT =
  'install kubectl (https://kubernetes.io/docs/tasks/tools/) or kustomize (https://kubectl.docs.kubernetes.io/installation/kustomize/), ' +
  'or point engine.command in kcfg.yaml or KCFG_ENGINE at one';

/** Find the engine, read the Kustomize version it embeds (cached by binary path, size and mtime), check the pin. */
export async function detectEngine(config: Config, env: NodeJS.ProcessEnv = process.env): Promise<Engine> {
  const command = config.engine.command;
  const binary = findExecutable(command, config.root, env);
  if (!binary) throw new EngineError(`Kustomize engine '${command}' not found${command.includes('/') ? '' : ' on PATH'}`, INSTALL_HINT);
  const kind = basename(binary).startsWith('kustomize') ? 'kustomize' : 'kubectl';
  const version = await engineVersion(binary, kind, config.cacheDir, env);
  const pinned = config.engine.version;
  if (pinned && pinned !== version) {
    throw new EngineError(
      `${kind === 'kubectl' ? 'kubectl kustomize' : 'kustomize'} is Kustomize ${version}, but ${config.file ?? 'the configuration'} pins engine.version ${pinned}`,
      `install the pinned version, or change engine.version to ${version} after checking the rendered output`,
    );
  }
  const flags = config.engine.loadRestrictor === 'None' ? ['--load-restrictor', 'LoadRestrictionsNone'] : ['--load-restrictor', 'LoadRestrictionsRootOnly'];
  return { kind, binary, version, flags, command: kind === 'kubectl' ? 'kubectl kustomize' : 'kustomize build' };
}

/** Arguments for one build of `dir` (no plugins, exec functions or Helm are ever enabled). */
export function buildArgs(engine: Engine, dir: string): string[] {
  return [engine.kind === 'kubectl' ? 'kustomize' : 'build', dir, ...engine.flags];
}

function findExecutable(command: string, root: string, env: NodeJS.ProcessEnv): string | undefined {
  const candidates = command.includes('/') ? [isAbsolute(command) ? command : resolve(root, command)] : (env['PATH'] ?? '').split(delimiter).filter(Boolean).map((d) => join(d, command));
  for (const c of candidates) {
    try {
      accessSync(c, constants.X_OK);
      if (statSync(c).isFile()) return realpathSync(c);
    } catch {
      // not here
    }
  }
  return undefined;
}

interface VersionCache {
  [stamp: string]: string;
}

async function engineVersion(binary: string, kind: Engine['kind'], cacheDir: string, env: NodeJS.ProcessEnv): Promise<string> {
  const st = statSync(binary);
  const stamp = `${binary}:${st.size}:${st.mtimeMs}`;
  const file = join(cacheDir, 'engine-versions.json');
  let cache: VersionCache = {};
  try {
    cache = JSON.parse(readFileSync(file, 'utf8')) as VersionCache;
  } catch {
    // no cache yet
  }
  const known = cache[stamp];
  if (known) return known;
  const version = await askVersion(binary, kind, env);
  try {
    writeFileAtomic(file, JSON.stringify({ ...cache, [stamp]: version }, null, 2) + '\n');
  } catch {
    // A read-only cache only costs speed.
  }
  return version;
}

async function askVersion(binary: string, kind: Engine['kind'], env: NodeJS.ProcessEnv): Promise<string> {
  const args = kind === 'kubectl' ? ['version', '--client', '-o', 'json'] : ['version'];
  const { stdout, stderr, error } = await run(binary, args, env);
  if (kind === 'kubectl') {
    try {
      const v = (JSON.parse(stdout) as { kustomizeVersion?: unknown }).kustomizeVersion;
      if (typeof v === 'string' && v) return normaliseVersion(v);
    } catch {
      // fall through to the error below
    }
  } else {
    const m = /v?(\d+\.\d+\.\d+)/.exec(stdout);
    if (m) return `v${m[1]}`;
  }
  const why = (stderr || error?.message || stdout).trim().split('\n')[0] ?? '';
  throw new EngineError(`could not read the Kustomize version from '${binary} ${args.join(' ')}'${why ? `: ${why}` : ''}`, INSTALL_HINT);
}

function normaliseVersion(v: string): string {
  const m = /v?(\d+\.\d+\.\d+)/.exec(v);
  return m ? `v${m[1]}` : v;
}

export interface RunResult {
  stdout: string;
  stderr: string;
  error?: Error & { code?: unknown };
}

export function run(binary: string, args: string[], env: NodeJS.ProcessEnv, cwd?: string): Promise<RunResult> {
  return new Promise((done) => {
    execFile(binary, args, { env, cwd, maxBuffer: 512 * 1024 * 1024, encoding: 'utf8' }, (error, stdout, stderr) => {
      done({ stdout, stderr, ...(error ? { error } : {}) });
    });
  });
}
