// Workflows around the check: changed-file selection, sharding, merging shard results, progress.

export { affectedEnvironments, changedFiles, type Affected, type ChangeSource } from './changed.js';
export { parseShard, shardEnvironments, type Shard } from './shard.js';
export { mergeResults, parseResult, readResultFile } from './merge.js';
export { createProgress, SILENT, type Progress } from './progress.js';
export { runCheckInBatches, type BatchOptions } from './batches.js';
export { selectEnvironments, type Selection } from './select.js';
export { environmentDiffs, parseDiffPair } from './diffs.js';
export { appendStepSummary } from './step-summary.js';
