// Public entry of the diff stage.

export { diffEnvironments } from './environments.js';
export {
  diffRefs,
  defaultRefDiffDeps,
  closureHash,
  type RefDiff,
  type RefDiffDeps,
  type RefDiffOptions,
} from './refs.js';
export {
  parityFindings,
  loadParityConfig,
  parseParityConfig,
  PARITY_CODE,
  PARITY_FILE,
  type ParityConfig,
} from './parity.js';
export { loadMergeKeys } from './merge-keys.js';
export { envDiffSection, hasDifferences, sectionsDiffer } from './types.js';
export type { DiffOptions, DiffSection, EnvDiff, FieldChange, ResourceDiff, Shown, MergeKeyTable } from './types.js';
export { benchDiff } from './bench.js';
