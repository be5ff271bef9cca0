import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../scripts/core/diagnostic.js';
import {
  ANNOTATIONS_PER_TYPE,
  escapeData,
  escapeProperty,
  githubReport,
  githubSummaryReport,
  pickSpread,
  STEP_SUMMARY_BYTES,
} from '../../scripts/report/github.js';
import { OPTIONS, sampleResult } from './sample.js';

describe('github annotations', () => {
  it('escapes data and properties by the runner rules', () => {
    expect(escapeData('50% done\r\nnext')).toBe('50%25 done%0D%0Anext');
    expect(escapeProperty('a:b,c%\n')).toBe('a%3Ab%2Cc%25%0A');
  });

  it('writes one command per finding, errors first, with file, line and column', () => {
    const lines = githubReport(sampleResult(), OPTIONS).trimEnd().split('\n');
    expect(lines.map((l) => l.slice(0, l.indexOf(' ')))).toEqual([
      '::error',
      '::error',
      '::warning',
      '::notice',
      'kcfg',
    ]);
    expect(lines[0]).toBe(
      '::error file=base/deployment-api.yaml,line=7,col=5,title=kcfg policy/run-as-non-root [staging%2C production]::' +
        'container api does not set runAsNonRoot: true (neither on the container nor the pod)%0ADeployment.apps relay/api /spec/template/spec/containers/0/securityContext%0Ahint: set securityContext.runAsNonRoot: true on the pod or the container%0Adocs: docs/policies/run-as-non-root.md',
    );
    // Commas and colons in the path are escaped; the message's own % is escaped once.
    expect(lines[1]).toContain('file=overlays/staging/replicas%2C patch.yaml,line=3,col=3,');
    expect(lines[1]).toContain('100%25 & more');
    // Rendered-only findings are pinned to the environment's kustomization, with the rendered position in the text.
    expect(lines[2]).toMatch(/^::warning file=overlays\/production\/kustomization.yaml,line=1,title=/);
    expect(lines[2]).toContain('%0Asecond line');
    expect(lines[2]).toContain('at <rendered:production>:12:18');
    for (const l of lines) expect(l).not.toMatch(/[\r]/);
  });

  it('keeps the job summary under 1 MiB however many findings there are', () => {
    const many: Diagnostic[] = Array.from({ length: 40_000 }, (_, i) => ({
      code: `policy/rule-${i % 50}`,
      severity: 'error',
      message: `finding number ${i} with a reasonably long message that repeats ${'x'.repeat(40)}`,
      environments: ['staging'],
      source: { file: `overlays/env-${i % 3000}/patch.yaml`, line: i + 1, column: 1 },
    }));
    const md = githubSummaryReport(sampleResult({ diagnostics: many }), OPTIONS);
    expect(Buffer.byteLength(md)).toBeLessThanOrEqual(STEP_SUMMARY_BYTES);
    expect(md).toMatch(/over the 1,048,576-byte limit/);
  });
});

describe('annotation budget', () => {
  const many = (severity: 'error' | 'warning', n: number, rules: number, files: number): Diagnostic[] =>
    Array.from({ length: n }, (_, i) => ({
      code: `policy/rule-${i % rules}`,
      severity,
      message: `finding ${i}`,
      environments: ['staging'],
      source: { file: `base/file-${i % files}.yaml`, line: i + 1, column: 1 },
    }));

  it('at most ten errors and ten warnings, spread over rules and files, then one notice counting the rest', () => {
    const diagnostics = [...many('error', 30, 3, 12), ...many('warning', 14, 14, 1)];
    const out = githubReport(sampleResult({ diagnostics }), OPTIONS).trimEnd().split('\n');
    const errors = out.filter((l) => l.startsWith('::error '));
    const warnings = out.filter((l) => l.startsWith('::warning '));
    const notices = out.filter((l) => l.startsWith('::notice '));
    expect(errors).toHaveLength(ANNOTATIONS_PER_TYPE);
    expect(warnings).toHaveLength(ANNOTATIONS_PER_TYPE);
    expect(notices).toHaveLength(1);
    // Every rule and as many files as ten slots allow are represented.
    expect(new Set(errors.map((l) => /rule-\d+/.exec(l)![0])).size).toBe(3);
    expect(new Set(errors.map((l) => /file-\d+/.exec(l)![0])).size).toBe(10);
    expect(notices[0]).toMatch(/24 more findings are not annotated \(20 errors, 4 warnings\)/);
    expect(notices[0]).toMatch(/job summary/);
  });

  it('a run within the budget gets every annotation and no notice', () => {
    const out = githubReport(sampleResult({ diagnostics: many('error', 10, 2, 2) }), OPTIONS);
    expect(out.match(/^::error /gm)).toHaveLength(10);
    expect(out).not.toMatch(/^::notice /m);
  });

  it('picks findings covering new rules and files first, in their order', () => {
    const d = many('error', 6, 2, 2);
    expect(pickSpread(d, 3).map((x) => x.message)).toEqual(['finding 0', 'finding 1', 'finding 2']);
    expect(pickSpread(d, 10)).toHaveLength(6);
  });
});
