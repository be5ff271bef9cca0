// A worker thread of check/input-pool.ts: checks the batches it is sent, in order, and reports its skipped
// CEL rules when told to finish.

import { parentPort, workerData } from 'node:worker_threads';
import type { DocumentBatch } from '../resources/split-stream.js';
import { BatchChecker, type BatchOptions } from './input-batch.js';
import type { WorkerReply } from './input-pool.js';

const port = parentPort;
if (port) {
  const checker = new BatchChecker(workerData as BatchOptions);
  port.on('message', (message: DocumentBatch | 'finish') => {
    const reply: WorkerReply =
      message === 'finish'
        ? { kind: 'finished', skippedRules: checker.resources.finish() }
        : { kind: 'batch', result: checker.check(message) };
    port.postMessage(reply);
  });
}
