import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Resource } from '../../scripts/core/resource.js';
import { fileLocator, toDiagnostic } from '../../scripts/check/locate.js';
import { buildResources } from '../../scripts/resources/build.js';
import { parseStream } from '../../scripts/resources/parse.js';
import { checkPrometheusRules, promqlError } from '../../scripts/validate/semantic/promql.js';

describe('PromQL expressions', () => {
  it.each([
    'sum(rate(http_requests_total{job="api"}[5m])) by (instance) > 0.5',
    'histogram_quantile(0.95, sum by (le) (rate(http_request_duration_seconds_bucket[5m]))) > 0.3',
    'absent(up{job="api"})',
    'up == 0 and on() vector(1)',
  ])('parses %s', (expr) => {
    expect(promqlError(expr)).toBeUndefined();
  });

  it.each([
    ['sum(rate(x[5m]) by (a)', 1],
    ['rate(x[5mm])', 1],
    ['foo{bar="baz"', 1],
    ['sum(rate(x[5m]))\n  / on(job)\n  sum(rate(y[5m])) by (', 3],
  ])('finds the error in %j on line %i of the expression', (expr, line) => {
    expect(promqlError(expr)).toMatchObject({ line });
  });

  it('reports the rule at its expr, and an empty for', () => {
    const yaml = `apiVersion: monitoring.coreos.com/v1
kind: PrometheusRule
metadata: { name: api }
spec:
  groups:
    - name: api
      rules:
        - alert: ApiErrors
          expr: |
            sum(rate(http_requests_total{code=~"5.."}[5m]))
              / sum(rate(http_requests_total[5m]) > 0.05
          for: ""
        - record: ok
          expr: sum(up)
`;
    const [r] = buildResources(parseStream(yaml, 'rules.yaml').documents, 'test').resources;
    const found = checkPrometheusRules(r!);
    expect(found.map((f) => [f.code, f.pointer])).toEqual([
      ['semantic/promql-syntax', '/spec/groups/0/rules/0/expr'],
      ['semantic/prometheus-duration', '/spec/groups/0/rules/0/for'],
    ]);
    expect(found[0]!.message).toBe(
      'expression of rule ApiErrors does not parse: syntax error near end of expression (line 2, column 45 of the expression)',
    );
  });

  it('points at the line and column of the error inside the expression, block or one-line', () => {
    const yaml = `apiVersion: monitoring.coreos.com/v1
kind: PrometheusRule
metadata: { name: api }
spec:
  groups:
    - name: api
      rules:
        - alert: Block
          expr: |
            sum(rate(http_requests_total[5m]))
              / sum(rate(http_requests_total[5m])) > > 0.05
        - alert: Quoted
          expr: 'sum(rate(x[5m]) by (job'
`;
    const [r] = buildResources(parseStream(yaml, 'rules.yaml').documents, 'rules.yaml').resources;
    const at = checkPrometheusRules(r!).map((f) => toDiagnostic(f, 'rules.yaml', fileLocator).source);
    const lines = yaml.split('\n');
    expect(at.map((s) => [s?.line, s?.column])).toEqual([
      [11, 54],
      [13, 34],
    ]);
    // The caret (1-based column) lands on the offending token.
    expect(lines[10]!.slice(53)).toBe('> 0.05');
    expect(lines[12]!.slice(33)).toBe("by (job'");
  });

  it('remembers expressions that parsed, never those that did not', () => {
    const cacheDir = mkdtempSync(join(tmpdir(), 'kcfg-promql-'));
    try {
      const rule = (expr: string): Resource =>
        buildResources(
          parseStream(
            `apiVersion: monitoring.coreos.com/v1\nkind: PrometheusRule\nmetadata: { name: r }\nspec:\n  groups:\n    - name: g\n      rules:\n        - record: r\n          expr: ${JSON.stringify(expr)}\n`,
            'r.yaml',
          ).documents,
          'r.yaml',
        ).resources[0]!;
      const ctx = { kubernetesVersion: '1.32', complete: true, cacheDir };
      expect(checkPrometheusRules(rule('sum(up)'), ctx)).toEqual([]);
      expect(readdirSync(join(cacheDir, 'promql'))).toHaveLength(1);
      expect(checkPrometheusRules(rule('sum(up)'), ctx)).toEqual([]);
      for (let i = 0; i < 2; i++)
        expect(checkPrometheusRules(rule('sum(up'), ctx).map((f) => f.code)).toEqual(['semantic/promql-syntax']);
      expect(readdirSync(join(cacheDir, 'promql'))).toHaveLength(1);
    } finally {
      rmSync(cacheDir, { recursive: true, force: true });
    }
  });
});
