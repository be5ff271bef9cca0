// Public entry of the diff stage.

export { diffEnvironments } from './environments.js';
export { diffRefs } from './refs.js';
export { parityFindings, loadParityConfig } from './parity.js';
export { loadMergeKeys } from './merge-keys.js';
export { envDiffSection, sectionsDiffer } from './types.js';
export type { DiffOptions, DiffSection } from './types.js';
