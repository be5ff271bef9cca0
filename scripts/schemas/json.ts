// Deterministic JSON for committed files: keys sorted at every level, the first `lineDepth` levels one
// entry per line (so a regenerated schema diffs per definition), everything deeper compact.

export function stableStringify(value: unknown, lineDepth = 2): string {
  return write(value, 0, lineDepth) + '\n';
}

function write(value: unknown, depth: number, lineDepth: number): string {
  if (Array.isArray(value)) {
    const items = value.map((v) => write(v, depth + 1, lineDepth));
    return depth < lineDepth && items.length > 0 ? `[\n${items.join(',\n')}\n]` : `[${items.join(',')}]`;
  }
  if (value !== null && typeof value === 'object') {
    const keys = Object.keys(value).sort();
    const entries = keys
      .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${write((value as Record<string, unknown>)[k], depth + 1, lineDepth)}`);
    return depth < lineDepth && entries.length > 0 ? `{\n${entries.join(',\n')}\n}` : `{${entries.join(',')}}`;
  }
  return JSON.stringify(value);
}

/** Indented, key-sorted JSON for the small schemas people open in an editor. */
export function prettyStringify(value: unknown): string {
  return JSON.stringify(sortKeys(value), null, 2) + '\n';
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(value).sort()) out[k] = sortKeys((value as Record<string, unknown>)[k]);
  return out;
}
