import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../scripts/core/diagnostic.js';
import { docsBase } from '../../scripts/report/docs-url.js';
import { FINGERPRINT_KEY, sarifLog, sarifReport } from '../../scripts/report/sarif.js';
import { OPTIONS, sampleResult } from './sample.js';
import { sarifValidator } from './sarif-schema.js';

const validate = sarifValidator();

type Run = {
  results: Record<string, any>[];
  tool: { driver: { rules: Record<string, any>[] } };
  invocations: Record<string, any>[];
};
const runOf = (doc: unknown): Run => (doc as { runs: Run[] }).runs[0]!;

describe('sarif reporter', () => {
  it('produces a log the SARIF 2.1.0 schema accepts', () => {
    const doc = JSON.parse(sarifReport(sampleResult(), OPTIONS, { docsBaseUrl: 'https://example.test/blob/abc' }));
    expect(validate(doc)).toEqual([]);
    expect(doc.version).toBe('2.1.0');
  });

  it('the schema check can fail: a result without a message is rejected', () => {
    const doc = sarifLog(sampleResult(), OPTIONS) as any;
    delete doc.runs[0].results[0].message;
    expect(validate(doc).join('\n')).toMatch(/message/);
  });

  it('describes rules from policy metadata, maps levels, and points at source and rendered positions', () => {
    const run = runOf(sarifLog(sampleResult(), OPTIONS, { docsBaseUrl: 'https://example.test/blob/abc' }));
    const rule = run.tool.driver.rules.find((r) => r.id === 'policy/run-as-non-root')!;
    expect(rule.name).toBe('RunAsNonRoot');
    expect(rule.shortDescription.text).toBe('Containers run as a non-root user');
    expect(rule.help.text).toMatch(/runAsNonRoot: true/);
    expect(rule.helpUri).toBe('https://example.test/blob/abc/docs/policies/run-as-non-root.md');
    expect(rule.defaultConfiguration.level).toBe('error');
    expect(run.results.map((r) => r.level)).toEqual(['error', 'error', 'warning', 'note']);
    const first = run.results[0]!;
    expect(first.locations[0].physicalLocation.artifactLocation.uri).toBe('base/deployment-api.yaml');
    expect(first.locations[0].physicalLocation.region).toEqual({ startLine: 7, startColumn: 5 });
    expect(first.relatedLocations[0].physicalLocation.artifactLocation).toEqual({
      uri: 'staging.yaml',
      uriBaseId: 'KCFG_RENDERED',
    });
    expect(run.tool.driver.rules[first.ruleIndex].id).toBe(first.ruleId);
    // A finding known only in the rendered stream is pinned to its environment's kustomization.
    const rendered = run.results.find((r) => r.ruleId === 'policy/image-tag')!;
    expect(rendered.locations[0].physicalLocation.artifactLocation.uri).toBe('overlays/production/kustomization.yaml');
    expect(rendered.relatedLocations[0].physicalLocation.region.startLine).toBe(12);
    // Paths are URIs: the space and comma are percent-encoded.
    expect(run.results[1]!.locations[0].physicalLocation.artifactLocation.uri).toBe(
      'overlays/staging/replicas%2C%20patch.yaml',
    );
  });

  it("links docs at kcfg's own published docs, never at the checked repository, and omits helpUri without a base", () => {
    // A consumer's Actions variables name the consumer's repository, which has no docs/policies/.
    const base = docsBase(undefined, {
      GITHUB_SERVER_URL: 'https://github.com',
      GITHUB_REPOSITORY: 'acme/deploy',
      GITHUB_SHA: 'f00',
    });
    expect(base).toMatch(/^https:\/\/github\.com\/kcfg-dev\/kcfg\/blob\/v\d+\.\d+\.\d+$/);
    const linked = runOf(sarifLog(sampleResult(), { ...OPTIONS, docsBase: base }));
    expect(linked.tool.driver.rules[0]!.helpUri).toBe(`${base}/docs/policies/run-as-non-root.md`);
    expect(docsBase(undefined, { KCFG_DOCS_URL: 'https://docs.example.test/kcfg/' })).toBe(
      'https://docs.example.test/kcfg',
    );
    expect(docsBase('https://mirror.example.test', {})).toBe('https://mirror.example.test');
    const local = runOf(sarifLog(sampleResult(), OPTIONS));
    expect(local.tool.driver.rules.every((r) => r.helpUri === undefined)).toBe(true);
    expect(local.tool.driver.rules[0]!.help.text).toMatch(/Documentation: docs\/policies\/run-as-non-root.md/);
  });

  it('keeps fingerprints when lines move, changes them when the subject changes', () => {
    const base = sampleResult();
    const moved = sampleResult({
      diagnostics: base.diagnostics.map((d) => ({
        ...d,
        ...(d.source ? { source: { ...d.source, line: d.source.line + 10 } } : {}),
      })),
    });
    const fps = (r: typeof base): string[] =>
      runOf(sarifLog(r, OPTIONS)).results.map((x) => x.partialFingerprints[FINGERPRINT_KEY]);
    expect(fps(moved)).toEqual(fps(base));
    const renamed = sampleResult({
      diagnostics: base.diagnostics.map((d) => (d.resource ? { ...d, resource: { ...d.resource, name: 'other' } } : d)),
    });
    expect(fps(renamed)[0]).not.toBe(fps(base)[0]);
    expect(new Set(fps(base)).size).toBe(fps(base).length);
  });

  it('keeps at most 5,000 results, errors first, and says what it cut', () => {
    const many: Diagnostic[] = [];
    for (let i = 0; i < 4000; i++)
      many.push({
        code: 'policy/image-tag',
        severity: 'warning',
        message: `w${i}`,
        environments: ['staging'],
        source: { file: 'a.yaml', line: i + 1, column: 1 },
      });
    for (let i = 0; i < 2000; i++)
      many.push({
        code: 'policy/run-as-non-root',
        severity: 'error',
        message: `e${i}`,
        environments: ['staging'],
        source: { file: 'b.yaml', line: i + 1, column: 1 },
      });
    const doc = sarifLog(sampleResult({ diagnostics: many }), OPTIONS);
    const run = runOf(doc);
    expect(run.results).toHaveLength(5000);
    expect(run.results.filter((r) => r.level === 'error')).toHaveLength(2000);
    const note = run.invocations[0]!['toolExecutionNotifications'][0];
    expect(note.message.text).toMatch(/^1000 of 6000 results were left out \(0 errors, 1000 warnings/);
    expect(validate(doc)).toEqual([]);
  });
});
