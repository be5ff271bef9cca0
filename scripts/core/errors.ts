// Errors that end a run. The CLI prints `message` (with location) and exits with `exitCode`; never a stack trace.

import type { SourceLocation } from './diagnostic.js';

export const EXIT = {
  ok: 0,
  findings: 1,
  /** Usage, configuration or engine error. */
  error: 2,
} as const;

export class KcfgError extends Error {
  constructor(
    message: string,
    readonly exitCode: number = EXIT.error,
    readonly location?: SourceLocation,
    readonly hint?: string,
  ) {
    super(message);
    this.name = 'KcfgError';
  }
}

export class UsageError extends KcfgError {
  constructor(message: string, hint?: string) {
    super(message, EXIT.error, undefined, hint);
    this.name = 'UsageError';
  }
}

export class ConfigError extends KcfgError {
  constructor(message: string, location?: SourceLocation, hint?: string) {
    super(message, EXIT.error, location, hint);
    this.name = 'ConfigError';
  }
}

export class EngineError extends KcfgError {
  constructor(message: string, hint?: string, location?: SourceLocation) {
    super(message, EXIT.error, location, hint);
    this.name = 'EngineError';
  }
}

export function formatError(err: KcfgError): string {
  const where = err.location ? `${err.location.file}:${err.location.line}:${err.location.column}: ` : '';
  return `kcfg: ${where}${err.message}${err.hint ? `\n  hint: ${err.hint}` : ''}`;
}
