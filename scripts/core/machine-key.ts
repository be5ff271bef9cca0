// A secret that never leaves this machine's cache directory (`~/.cache/kcfg/machine.key`, mode 0600). It signs
// what kcfg writes to its caches (a checked repository cannot forge an entry, least of all code kcfg would run)
// and keys the hashes that stand in for redacted values (a CI log cannot be searched for guessed secrets).

import { createHmac, randomBytes } from 'node:crypto';
import { linkSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { isAbsolute, join } from 'node:path';

let key: Buffer | undefined;

/** The user's cache home: `$XDG_CACHE_HOME`, else `~/.cache`. */
export function cacheHome(env: NodeJS.ProcessEnv = process.env): string {
  const xdg = env['XDG_CACHE_HOME'];
  return xdg && isAbsolute(xdg) ? xdg : join(homedir(), '.cache');
}

/** The key, created on first use; where it cannot be stored, a key for this process alone (caches then miss). */
export function machineKey(env: NodeJS.ProcessEnv = process.env): Buffer {
  if (key) return key;
  const dir = join(cacheHome(env), 'kcfg');
  const file = join(dir, 'machine.key');
  try {
    const existing = readFileSync(file);
    if (existing.length >= 32) return (key = existing);
  } catch {
    // not created yet
  }
  const fresh = randomBytes(32);
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, fresh, { mode: 0o600 });
    // link() fails if another process created the key first: everyone then uses that one.
    try {
      linkSync(tmp, file);
    } catch {
      // lost the race
    } finally {
      rmSync(tmp, { force: true });
    }
    const stored = readFileSync(file);
    return (key = stored.length >= 32 ? stored : fresh);
  } catch {
    return (key = fresh);
  }
}

/** HMAC-SHA256 of `parts` under the machine key, hex. */
export function keyedHash(...parts: (string | Buffer)[]): string {
  const h = createHmac('sha256', machineKey());
  for (const p of parts) h.update(typeof p === 'string' ? Buffer.from(p) : p).update('\0');
  return h.digest('hex');
}

/** `text` with a signature line in front, for a cache file. */
export function seal(text: string): string {
  return `kcfg-sealed ${keyedHash(text)}\n${text}`;
}

/** The text of a sealed cache file, or undefined when it is not one kcfg wrote here, or was changed since. */
export function unseal(file: string): string | undefined {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
  const nl = text.indexOf('\n');
  if (nl < 0 || !text.startsWith('kcfg-sealed ')) return undefined;
  const body = text.slice(nl + 1);
  return text.slice('kcfg-sealed '.length, nl) === keyedHash(body) ? body : undefined;
}

/** Binary form of `seal`: the 64 hex digits of the signature, then the bytes. */
export function sealBytes(data: Buffer): Buffer {
  return Buffer.concat([Buffer.from(keyedHash(data)), data]);
}

export function unsealBytes(file: string): Buffer | undefined {
  let b: Buffer;
  try {
    b = readFileSync(file);
  } catch {
    return undefined;
  }
  if (b.length < 64) return undefined;
  const data = b.subarray(64);
  return b.subarray(0, 64).toString() === keyedHash(data) ? data : undefined;
}
