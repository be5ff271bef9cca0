// The Kustomize engine: `kubectl kustomize` or `kustomize build`, found on PATH or configured, version checked.

import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { accessSync, constants, existsSync, readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { devNull } from 'node:os';
import { basename, delimiter, dirname, isAbsolute, join, resolve } from 'node:path';
import type { Config } from '../config/types.js';
import type { EngineInfo } from '../core/rendered.js';
import { EngineError } from '../core/errors.js';
import { writeFileAtomic } from '../core/fs.js';
import { cacheHome } from '../core/machine-key.js';
import { track } from './lifecycle.js';

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

/**
 * Find the engine, read the Kustomize version it embeds (cached by binary path, size and mtime), check the pin.
 * A kubectl version dispatcher (Google Cloud SDK) is replaced by the versioned kubectl it would run by default:
 * the dispatcher asks the current kube context's API server which kubectl to run, on every call.
 */
export async function detectEngine(config: Config, env: NodeJS.ProcessEnv = process.env): Promise<Engine> {
  const command = config.engine.command;
  const found = findExecutable(command, config.root, env);
  if (!found) {
    const configured = !env['KCFG_ENGINE'] && config.file ? locateEngineCommand(config) : undefined;
    throw new EngineError(
      `Kustomize engine '${command}' not found${command.includes('/') ? '' : ' on PATH'}`,
      INSTALL_HINT,
      configured,
    );
  }
  const kind = basename(found).startsWith('kustomize') ? 'kustomize' : 'kubectl';
  const { version, binary } = await engineVersion(found, kind, env, config.engine.version);
  const pinned = config.engine.version;
  if (pinned && pinned !== version) {
    throw new EngineError(
      `${kind === 'kubectl' ? 'kubectl kustomize' : 'kustomize'} is Kustomize ${version}, but ${config.file ?? 'the configuration'} pins engine.version ${pinned}`,
      `install the pinned version, or change engine.version to ${version} after checking the rendered output`,
    );
  }
  const flags =
    config.engine.loadRestrictor === 'None'
      ? ['--load-restrictor', 'LoadRestrictionsNone']
      : ['--load-restrictor', 'LoadRestrictionsRootOnly'];
  return { kind, binary, version, flags, command: kind === 'kubectl' ? 'kubectl kustomize' : 'kustomize build' };
}

/** Arguments for one build of `dir` (no plugins, exec functions or Helm are ever enabled). */
export function buildArgs(engine: Engine, dir: string): string[] {
  return [engine.kind === 'kubectl' ? 'kustomize' : 'build', dir, ...engine.flags];
}

/** The line of `engine.command` in kcfg.yaml, so a wrong engine is fixed where it was written. */
function locateEngineCommand(config: Config): { file: string; line: number; column: number } | undefined {
  try {
    const lines = readFileSync(join(config.root, config.file!), 'utf8').split('\n');
    const i = lines.findIndex((l) => /^\s+command\s*:/.test(l));
    return i < 0 ? undefined : { file: config.file!, line: i + 1, column: lines[i].indexOf('command') + 1 };
  } catch {
    return undefined;
  }
}

/**
 * The environment the engine runs in: no kube configuration and no in-cluster service variables, so nothing
 * it runs can find an API server to contact.
 */
export function engineEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const out: NodeJS.ProcessEnv = { ...env, KUBECONFIG: devNull };
  delete out['KUBERNETES_SERVICE_HOST'];
  delete out['KUBERNETES_SERVICE_PORT'];
  return out;
}

function findExecutable(command: string, root: string, env: NodeJS.ProcessEnv): string | undefined {
  const candidates = command.includes('/')
    ? [isAbsolute(command) ? command : resolve(root, command)]
    : (env['PATH'] ?? '')
        .split(delimiter)
        .filter(Boolean)
        .map((d) => join(d, command));
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

interface VersionEntry {
  /** The binary that renders: the found one, or the versioned kubectl behind a dispatcher. */
  binary: string;
  version: string;
  /** Checksum of the two fields above: a damaged cache file is re-asked, never trusted. */
  sum: string;
}

function entrySum(binary: string, version: string): string {
  return createHash('sha256').update(`${binary}\0${version}`).digest('hex').slice(0, 16);
}

/** Where engine versions are remembered, per binary (path, size, modification time) and pin. */
export function engineVersionsFile(env: NodeJS.ProcessEnv = process.env): string {
  return join(cacheHome(env), 'kcfg', 'engine-versions.json');
}

async function engineVersion(
  found: string,
  kind: Engine['kind'],
  env: NodeJS.ProcessEnv,
  pin: string | undefined,
): Promise<{ version: string; binary: string }> {
  const st = statSync(found);
  const stamp = `${found}:${st.size}:${st.mtimeMs}:${pin ?? ''}`;
  // What a binary embeds is a fact about this machine, not about one repository: it is kept in the user's cache
  // home, so a new clone (or an emptied repository cache) does not ask again. Asking can cost 0.2-0.5 s: a
  // dispatcher's own version is read from its 57 MB binary, and each kubectl start is slow.
  const file = engineVersionsFile(env);
  let cache: Record<string, unknown> = {};
  try {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as unknown;
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) cache = parsed as Record<string, unknown>;
  } catch {
    // no cache yet, or a damaged one: ask again
  }
  const known = cache[stamp] as Partial<VersionEntry> | undefined;
  if (
    known &&
    typeof known.binary === 'string' &&
    typeof known.version === 'string' &&
    known.sum === entrySum(known.binary, known.version) &&
    existsSync(known.binary)
  ) {
    return { version: known.version, binary: known.binary };
  }
  let binary = found;
  let answer: { version: string } | undefined;
  // A dispatcher is never run, not even for its version (it contacts the kube context's server for that too):
  // one of the versioned kubectl binaries beside it renders, the one whose Kustomize matches the pin, else the newest.
  const direct = kind === 'kubectl' ? versionedSiblings(found) : [];
  if (direct.length > 0) {
    // Without a pin, the version the dispatcher itself would run when no server answers.
    const own = dispatcherMinor(found);
    const ordered = own
      ? [...direct.filter((d) => d.endsWith(`kubectl.${own}`)), ...direct.filter((d) => !d.endsWith(`kubectl.${own}`))]
      : direct;
    for (const candidate of pin ? ordered : ordered.slice(0, 1)) {
      const a = await askVersion(candidate, kind, env);
      if (!answer) [binary, answer] = [candidate, a];
      if (!pin || a.version === pin) {
        [binary, answer] = [candidate, a];
        break;
      }
    }
  }
  answer ??= await askVersion(binary, kind, env);
  const entry: VersionEntry = { binary, version: answer.version, sum: entrySum(binary, answer.version) };
  try {
    writeFileAtomic(file, JSON.stringify({ ...cache, [stamp]: entry }, null, 2) + '\n');
  } catch {
    // A read-only cache only costs speed.
  }
  return { version: answer.version, binary };
}

/**
 * `kubectl.1.31`, `kubectl.1.32`, ... beside `kubectl`: the layout of a version dispatcher (Google Cloud SDK),
 * newest first. Empty for a plain kubectl.
 */
function versionedSiblings(found: string): string[] {
  if (basename(found) !== 'kubectl') return [];
  let names: string[];
  try {
    names = readdirSync(dirname(found));
  } catch {
    return [];
  }
  return names
    .map((n) => /^kubectl\.(\d+)\.(\d+)$/.exec(n))
    .filter((m): m is RegExpExecArray => m !== null)
    .sort((a, b) => Number(b[1]) - Number(a[1]) || Number(b[2]) - Number(a[2]))
    .map((m) => join(dirname(found), m[0]));
}

/** The client minor a dispatcher is built as (`v1.32.4-dispatcher` → `1.32`), read from the binary, not by running it. */
function dispatcherMinor(binary: string): string | undefined {
  try {
    const bytes = readFileSync(binary);
    for (let at = bytes.indexOf('-dispatcher'); at >= 0; at = bytes.indexOf('-dispatcher', at + 1)) {
      const m = /v(\d+\.\d+)\.\d+$/.exec(bytes.subarray(Math.max(0, at - 16), at).toString('latin1'));
      if (m) return m[1];
    }
    return undefined;
  } catch {
    return undefined;
  }
}

/** The Kustomize version a binary embeds (kubectl) or reports (kustomize). */
async function askVersion(binary: string, kind: Engine['kind'], env: NodeJS.ProcessEnv): Promise<{ version: string }> {
  const args = kind === 'kubectl' ? ['version', '--client', '-o', 'json'] : ['version'];
  const { stdout, stderr, error } = await run(binary, args, env);
  if (kind === 'kubectl') {
    try {
      const v = (JSON.parse(stdout) as { kustomizeVersion?: unknown }).kustomizeVersion;
      if (typeof v === 'string' && v) return { version: normaliseVersion(v) };
    } catch {
      // fall through to the error below
    }
  } else {
    const m = /v?(\d+\.\d+\.\d+)/.exec(stdout);
    if (m) return { version: `v${m[1]}` };
  }
  const why = (stderr || error?.message || stdout).trim().split('\n')[0] ?? '';
  throw new EngineError(
    `could not read the Kustomize version from '${binary} ${args.join(' ')}'${why ? `: ${why}` : ''}`,
    INSTALL_HINT,
  );
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
    const child = execFile(
      binary,
      args,
      { env: engineEnv(env), cwd, maxBuffer: 512 * 1024 * 1024, encoding: 'utf8' },
      (error, stdout, stderr) => {
        done({ stdout, stderr, ...(error ? { error } : {}) });
      },
    );
    track(child);
  });
}
