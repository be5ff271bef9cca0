export { cacheDirFor, loadConfig } from './load.js';
export { CONFIG_SCHEMA } from './schema.js';
export type { Config } from './types.js';
