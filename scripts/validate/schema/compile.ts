// ajv compilation with a disk cache of standalone validator code: a warm run loads each kind's validator
// from `<cacheDir>/<key>.cjs` and never imports or runs the ajv compiler.

import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { FORMATS } from '../../schemas/formats.js';

const require = createRequire(import.meta.url);

/** Bump when the converter or ajv options change the generated code without changing schema text. */
const CACHE_FORMAT = 1;
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
  return createHash('sha1').update([`format${CACHE_FORMAT}`, `ajv${ajvVersion}`, ...parts].join('\u0000')).digest('hex');
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

  constructor(private readonly cacheDir: string | undefined) {}

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
    this.standalone = (require('ajv/dist/standalone/index.js') as { default: (ajv: AjvLike, fn: ValidateFunction) => string }).default;
    this.ajv = new Ajv({
      allErrors: true,
      strict: false,
      messages: false,
      formats: formats(),
      code: { source: !!this.cacheDir, formats: _`require(${FORMATS_MODULE})` },
    }) as unknown as AjvLike;
    return this.ajv;
  }

  private file(key: string): string {
    return join(this.cacheDir!, `${key}.cjs`);
  }

  private load(key: string): ValidateFunction | undefined {
    if (!this.cacheDir) return undefined;
    const file = this.file(key);
    if (!existsSync(file)) return undefined;
    try {
      const module = { exports: {} as unknown };
      // The cached code is our own ajv output; it may only require ajv's runtime helpers and our formats.
      new Function('module', 'exports', 'require', readFileSync(file, 'utf8'))(module, module.exports, cacheRequire);
      return typeof module.exports === 'function' ? (module.exports as ValidateFunction) : undefined;
    } catch {
      return undefined;
    }
  }

  private store(key: string, code: string): void {
    try {
      mkdirSync(this.cacheDir!, { recursive: true });
      const file = this.file(key);
      const tmp = `${file}.${process.pid}.tmp`;
      writeFileSync(tmp, code);
      renameSync(tmp, file);
    } catch {
      // A read-only or full cache directory only costs the next run a recompile.
    }
  }
}

function cacheRequire(id: string): unknown {
  if (id === FORMATS_MODULE) return formats();
  if (id.startsWith('ajv/dist/runtime/')) return require(id);
  throw new Error(`cached validator requires unexpected module ${id}`);
}
