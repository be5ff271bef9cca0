// Worker threads for large plain inputs (check/stream-input.ts): each runs a BatchChecker on the batches it
// is given. A worker holds at most two batches, one being checked and one waiting, so the input is read only
// as fast as it is checked and memory stays bounded.

import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { DocumentBatch } from '../resources/split-stream.js';
import type { BatchOptions, BatchResult } from './input-batch.js';

const QUEUE = 2;

/** Messages a worker sends back: a batch's result, or its skipped CEL rules when finishing. */
export type WorkerReply = { kind: 'batch'; result: BatchResult } | { kind: 'finished'; skippedRules: string[] };

/**
 * The built worker script: beside this module (the compiled tree) or one folder up (the bundle keeps shared
 * code in chunks/). Running from TypeScript sources there is none, and inputs are checked on one thread.
 */
function workerScript(): string | undefined {
  for (const rel of ['./input-worker.js', '../input-worker.js']) {
    const path = fileURLToPath(new URL(rel, import.meta.url));
    if (existsSync(path)) return path;
  }
  return undefined;
}

interface Slot {
  worker: Worker;
  waiting: { resolve: (r: BatchResult) => void; reject: (e: unknown) => void }[];
}

export class WorkerPool {
  private constructor(private readonly slots: Slot[]) {}

  static start(count: number, opts: BatchOptions): WorkerPool | undefined {
    const script = workerScript();
    if (!script) return undefined;
    const slots = Array.from({ length: count }, (): Slot => {
      const slot: Slot = { worker: new Worker(script, { workerData: opts }), waiting: [] };
      slot.worker.on('message', (reply: WorkerReply) => {
        if (reply.kind === 'batch') slot.waiting.shift()?.resolve(reply.result);
      });
      slot.worker.on('error', (e) => {
        for (const w of slot.waiting.splice(0)) w.reject(e);
      });
      return slot;
    });
    return new WorkerPool(slots);
  }

  hasRoom(): boolean {
    return this.slots.some((s) => s.waiting.length < QUEUE);
  }

  /** Check `batch` on the least busy worker. */
  run(batch: DocumentBatch): Promise<BatchResult> {
    const slot = this.slots.reduce((a, b) => (b.waiting.length < a.waiting.length ? b : a));
    return new Promise((resolve, reject) => {
      slot.waiting.push({ resolve, reject });
      slot.worker.postMessage(batch);
    });
  }

  /** Collect each worker's skipped CEL rules (it saves what it learned to the cache), then stop them. */
  async finish(): Promise<string[]> {
    const rules = await Promise.all(
      this.slots.map(
        (s) =>
          new Promise<string[]>((resolve, reject) => {
            s.worker.on('message', (reply: WorkerReply) => {
              if (reply.kind === 'finished') resolve(reply.skippedRules);
            });
            s.worker.once('error', reject);
            s.worker.postMessage('finish');
          }),
      ),
    );
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
    return rules.flat();
  }
}
