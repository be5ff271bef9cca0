// Flag parsing shared by the commands; unknown flags are usage errors, not surprises.

import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from '../core/errors.js';

export type Options = NonNullable<ParseArgsConfig['options']>;

export const COMMON: Options = {
  cwd: { type: 'string', short: 'C' },
  format: { type: 'string', short: 'f', multiple: true },
  output: { type: 'string', short: 'o', multiple: true },
  quiet: { type: 'boolean', short: 'q' },
  verbose: { type: 'boolean', short: 'v' },
  color: { type: 'boolean' },
  'no-color': { type: 'boolean' },
  'no-cache': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
};

export interface Parsed {
  values: Record<string, string | boolean | string[] | undefined>;
  positionals: string[];
}

export function parse(argv: string[], options: Options): Parsed {
  try {
    const { values, positionals } = parseArgs({
      args: argv,
      options: { ...COMMON, ...options },
      allowPositionals: true,
      strict: true,
    });
    return { values: values as Parsed['values'], positionals };
  } catch (e) {
    throw new UsageError(
      e instanceof Error ? e.message.replace(/\. To specify a positional.*$/s, '') : String(e),
      'run `kcfg help` for usage',
    );
  }
}

export function str(p: Parsed, key: string): string | undefined {
  const v = p.values[key];
  return typeof v === 'string' ? v : undefined;
}

export function bool(p: Parsed, key: string): boolean {
  return p.values[key] === true;
}

export function list(p: Parsed, key: string): string[] {
  const v = p.values[key];
  return Array.isArray(v) ? v : typeof v === 'string' ? [v] : [];
}
