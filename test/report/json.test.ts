import { describe, expect, it } from 'vitest';
import { countBySeverity, type Diagnostic } from '../../scripts/core/diagnostic.js';
import { jsonChunks, jsonReport } from '../../scripts/report/json.js';
import { sampleDiagnostics, sampleResult } from './sample.js';

/** What the report promises to equal: the whole document through JSON.stringify, keys in the documented order. */
function reference(diagnostics: Diagnostic[]): string {
  const whole = JSON.parse(jsonReport(sampleResult({ diagnostics: [] }))) as Record<string, unknown>;
  const order = ['code', 'severity', 'message', 'args', 'pointer', 'docs', 'hint', 'environments'];
  const rest = ['resource', 'resources', 'source', 'rendered'];
  whole['summary'] = { ...countBySeverity(diagnostics), suppressed: 1 };
  whole['diagnostics'] = diagnostics.map((d) => {
    const out: Record<string, unknown> = {};
    for (const k of [...order, ...rest])
      if ((d as unknown as Record<string, unknown>)[k] !== undefined) out[k] = d[k as keyof Diagnostic];
    return out;
  });
  return JSON.stringify(whole, null, 2) + '\n';
}

function many(n: number): Diagnostic[] {
  const base = sampleDiagnostics();
  return Array.from({ length: n }, (_, i) => {
    const { environments, ...rest } = base[i % base.length];
    // Built in another key order than the report's: the report must reorder.
    return { environments, ...rest, message: `${rest.message} #${i}` };
  });
}

describe('JSON report', () => {
  it.each([0, 1, 499, 500, 501, 1200])('%i diagnostics: the pieces join to the whole document, keys in order', (n) => {
    const diagnostics = many(n);
    const result = sampleResult({ diagnostics });
    const chunks = [...jsonChunks(result)];
    expect(chunks.join('')).toBe(reference(diagnostics));
    // Large reports come in pieces, so a 50,000-finding report is never one string.
    expect(chunks.length).toBe(n === 0 ? 1 : 1 + Math.ceil(n / 500));
  });
});
