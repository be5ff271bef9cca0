// A streamed validation keeps little: a batch's documents die young and only findings survive. V8 still
// doubles the young generation whenever a scavenge finds many survivors, up to 2 x 16 MB semi-spaces on
// Node 20 and 2 x 64 MB on Node 24, and never gives it back; that was most of the peak memory of a large
// input (50,000 documents on Node 24: 376 MB with, 230 MB without the growth past 8 MB) and no faster.
// Node cannot size the young generation once started, so growth is stopped when it reaches the cap.

import { getHeapSpaceStatistics, setFlagsFromString } from 'node:v8';

/** Young generation (both semi-spaces) past which it stops growing. */
const CAP_BYTES = 8 * 1024 * 1024;

/**
 * V8 versions whose `--semi-space-growth-factor` was measured (Node 20 to 24: V8 11 to 13). A V8 without the
 * flag would print an error on standard error, so later ones are left alone until measured.
 */
const MEASURED_V8 = /^1[1-3]\./;

let allowed = false;
let settled = false;

/**
 * The V8 flag is the whole process's: only the kcfg CLI opts in. A program that imports the library keeps
 * its heap as it configured it.
 */
export function allowYoungGenerationCap(): void {
  allowed = true;
}

/** Call between pieces of work; cheap, and does something at most once per process. */
export function capYoungGeneration(): void {
  if (!allowed || settled) return;
  const young = getHeapSpaceStatistics().find((s) => s.space_name === 'new_space');
  if (!young || young.space_size < CAP_BYTES) return;
  settled = true;
  // Someone who sized the young generation themselves keeps their choice.
  const sized = [...process.execArgv, ...(process.env['NODE_OPTIONS'] ?? '').split(/\s+/)].some((a) =>
    a.includes('semi-space'),
  );
  if (sized || !MEASURED_V8.test(process.versions.v8)) return;
  setFlagsFromString('--semi-space-growth-factor=1');
}
