export { cacheDirFor, loadConfig, readRaw } from './load.js';
export { CONFIG_SCHEMA } from './schema.js';
export { CONFIG_RULES } from './rules.js';
export type { ConfigProblem } from './problems.js';
export type { Config, DiffConfig, EngineConfig, SchemaConfig } from './types.js';
