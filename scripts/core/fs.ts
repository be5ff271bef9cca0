// Atomic writes: a reader sees the old file or the new one, never half of either.

import { closeSync, mkdirSync, openSync, renameSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { dirname, join, basename } from 'node:path';

/** `content` may come in pieces (a large report written as it is made); the rename still publishes it whole. */
export function writeFileAtomic(path: string, content: string | Buffer | Iterable<string>): void {
  mkdirSync(dirname(path), { recursive: true });
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.${Date.now()}.tmp`);
  try {
    if (typeof content === 'string' || Buffer.isBuffer(content)) writeFileSync(tmp, content);
    else writePieces(tmp, content);
    renameSync(tmp, path);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
}

function writePieces(path: string, pieces: Iterable<string>): void {
  const fd = openSync(path, 'w');
  try {
    for (const piece of pieces) writeSync(fd, piece);
  } finally {
    closeSync(fd);
  }
}
