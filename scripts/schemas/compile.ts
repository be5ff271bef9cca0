// ajv compilation with a disk cache: each kind's standalone validator code (`<key>.cjs`) and V8's code cache
// for it (`<key>.<code hash>.v8`), so a warm run neither imports the ajv compiler nor parses the validator source.
// Cached code runs in this process, so it is sealed with the machine key (core/machine-key.ts): a file that kcfg
// did not write on this machine (one committed to a repository, one left half-written) is recompiled, never run.
// The V8 code cache is named by the hash of the code it belongs to, so two processes racing to write the same
// key can never pair one's code with the other's code cache.

import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { Script } from 'node:vm';
import { seal, sealBytes, unseal, unsealBytes } from '../core/machine-key.js';
import { FORMATS } from './formats.js';

const require = createRequire(import.meta.url);

/** Bump when the converter or ajv options change the generated code without changing schema text. */
const CACHE_FORMAT = 2;
const FORMATS_MODULE = 'kcfg:formats';

export interface AjvError {
  instancePath: string;
  schemaPath: string;
  keyword: string;
  params: Record<string, unknown>;
}

export type ValidateFunction = ((data: unknown) => boolean) & { errors?: AjvError[] | null };

/** A schema registered under `id` before compiling, so its `#/definitions/...` are shared by every kind. */
export interface SchemaDependency {
  id: string;
  load: () => object;
}

interface AjvLike {
  getSchema(id: string): unknown;
  addSchema(schema: object, id: string): unknown;
  compile(schema: object): ValidateFunction;
}

let ajvVersion: string | undefined;
let formatFns: Record<string, (s: string) => boolean> | undefined;

function formats(): Record<string, (s: string) => boolean> {
  formatFns ??= Object.fromEntries(Object.entries(FORMATS).map(([name, f]) => [name, f.test]));
  return formatFns;
}

export function cacheKey(...parts: string[]): string {
  ajvVersion ??= (require('ajv/package.json') as { version: string }).version;
  return createHash('sha1')
    .update([`format${CACHE_FORMAT}`, `ajv${ajvVersion}`, ...parts].join('\u0000'))
    .digest('hex');
}

export interface CompileStats {
  compiled: number;
  loadedFromCache: number;
}

/** One ajv instance (created on the first cache miss) and the validators compiled or loaded through it. */
export class ValidatorCompiler {
  private ajv: AjvLike | undefined;
  private standalone: ((ajv: AjvLike, fn: ValidateFunction) => string) | undefined;
  readonly stats: CompileStats = { compiled: 0, loadedFromCache: 0 };

  /** `messages`: errors carry ajv's English `message` (for rule hints); schema validation builds its own text. */
  constructor(
    private readonly cacheDir: string | undefined,
    private readonly opts: { messages?: boolean } = {},
  ) {}

  get(key: string, schema: () => object, deps: SchemaDependency[]): ValidateFunction {
    return this.find(key, schema, deps)!;
  }

  /** Like `get`, but `schema` may return undefined (no such kind), checked only when nothing is cached. */
  find(key: string, schema: () => object | undefined, deps: SchemaDependency[]): ValidateFunction | undefined {
    const cached = this.load(key);
    if (cached) {
      this.stats.loadedFromCache++;
      return cached;
    }
    const root = schema();
    if (!root) return undefined;
    const ajv = this.instance();
    for (const dep of deps) if (!ajv.getSchema(dep.id)) ajv.addSchema(dep.load(), dep.id);
    const fn = ajv.compile(root);
    this.stats.compiled++;
    if (this.cacheDir) this.store(key, this.standalone!(ajv, fn));
    return fn;
  }

  private instance(): AjvLike {
    if (this.ajv) return this.ajv;
    const { default: Ajv, _ } = require('ajv') as typeof import('ajv');
    this.standalone = (
      require('ajv/dist/standalone/index.js') as { default: (ajv: AjvLike, fn: ValidateFunction) => string }
    ).default;
    this.ajv = new Ajv({
      allErrors: true,
      strict: false,
      messages: this.opts.messages ?? false,
      formats: formats(),
      code: { source: !!this.cacheDir, formats: _`require(${FORMATS_MODULE})` },
    });
    return this.ajv;
  }

  private file(key: string): string {
    return join(this.cacheDir!, `${key}${this.opts.messages ? '.m' : ''}.cjs`);
  }

  private load(key: string): ValidateFunction | undefined {
    if (!this.cacheDir) return undefined;
    const file = this.file(key);
    if (!existsSync(file)) return undefined;
    const code = unseal(file);
    if (code === undefined) return undefined;
    const v8File = `${file.slice(0, -'.cjs'.length)}.${createHash('sha256').update(code).digest('hex').slice(0, 16)}.v8`;
    try {
      const cachedData = existsSync(v8File) ? unsealBytes(v8File) : undefined;
      // The cached code is our own ajv output; it may only require ajv's runtime helpers and our formats.
      const script = new Script(`(function (module, exports, require) {${code}\n})`, {
        filename: file,
        ...(cachedData ? { cachedData } : {}),
      });
      const module = { exports: {} as unknown };
      (script.runInThisContext() as (m: object, e: unknown, r: (id: string) => unknown) => void)(
        module,
        module.exports,
        cacheRequire,
      );
      const inner = module.exports;
      if (typeof inner !== 'function') return undefined;
      if (cachedData && !script.cachedDataRejected) return inner as ValidateFunction;
      return this.withCodeCacheAfterFirstCall(inner as ValidateFunction, script, v8File);
    } catch {
      return undefined;
    }
  }

  /**
   * V8's code cache taken after the first call holds the functions that call compiled, so later runs skip
   * parsing the (large) validator source: about 2 ms instead of 15 per kind.
   */
  private withCodeCacheAfterFirstCall(inner: ValidateFunction, script: Script, v8File: string): ValidateFunction {
    let pending = true;
    const fn: ValidateFunction = (data: unknown): boolean => {
      const ok = inner(data);
      fn.errors = inner.errors ?? null;
      if (pending) {
        pending = false;
        writeAtomically(v8File, sealBytes(script.createCachedData()));
      }
      return ok;
    };
    return fn;
  }

  private store(key: string, code: string): void {
    try {
      mkdirSync(this.cacheDir!, { recursive: true });
    } catch {
      return;
    }
    writeAtomically(this.file(key), seal(code));
  }
}

/** A read-only or full cache directory only costs the next run a recompile. */
function writeAtomically(file: string, data: string | Buffer): void {
  const tmp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    writeFileSync(tmp, data);
    renameSync(tmp, file);
  } catch {
    try {
      rmSync(tmp, { force: true });
    } catch {
      // nothing left to clean up
    }
  }
}

function cacheRequire(id: string): unknown {
  if (id === FORMATS_MODULE) return formats();
  if (id.startsWith('ajv/dist/runtime/')) return require(id);
  throw new Error(`cached validator requires unexpected module ${id}`);
}
