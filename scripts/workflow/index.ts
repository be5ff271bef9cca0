// Workflows around the check: changed-file selection, sharding, merging shard results, progress.

export { type ChangeSource } from './changed.js';
export { parseShard } from './shard.js';
export { mergeResults, readResultFile } from './merge.js';
export { createProgress } from './progress.js';
export { runCheckInBatches } from './batches.js';
export { selectEnvironments } from './select.js';
export { environmentDiffs, parseDiffPair } from './diffs.js';
