import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../scripts/core/diagnostic.js';
import { MARKDOWN_BUDGET, markdownReport } from '../../scripts/report/markdown.js';
import { OPTIONS, sampleResult } from './sample.js';

function findings(n: number, files: number, msg = 60): Diagnostic[] {
  return Array.from({ length: n }, (_, i) => ({
    code: `policy/rule-${i % 7}`,
    severity: i % 3 === 0 ? 'error' : 'warning',
    message: `m${i} ${'y'.repeat(msg)}`,
    environments: ['staging'],
    source: { file: `overlays/o${i % files}/patch.yaml`, line: i + 1, column: 1 },
  }));
}

describe('markdown reporter', () => {
  it('lists every finding by file with environments, escaping Markdown', () => {
    const md = markdownReport(sampleResult(), OPTIONS);
    expect(md).toMatch(/^### kcfg check failed: 2 errors, 1 warning, 1 info/);
    expect(md).toContain('| staging | 2 | 2 | 0 | 1 |');
    expect(md).toContain('| production | 3 | 1 | 1 | 0 |');
    expect(md).toContain('#### `base/deployment-api.yaml`');
    expect(md).toContain('- **error** `policy/run-as-non-root` line 7: container api does not set runAsNonRoot: true');
    expect(md).toContain('_(staging, production)_');
    expect(md).toContain('commonLabels is deprecated \\| use labels');
    expect(md).toContain('unknown field "replicass" in Deployment &lt;spec&gt;');
    expect(md).toContain('  - hint: set securityContext.runAsNonRoot: true');
    expect(md).not.toContain('[!NOTE]');
  });

  it('falls back to one row per file, then to counts, and says so', () => {
    const medium = markdownReport(sampleResult({ diagnostics: findings(1200, 40) }), OPTIONS);
    expect(medium.length).toBeLessThan(MARKDOWN_BUDGET);
    expect(medium).toContain('individual findings were cut; each file is summarised in one row');
    expect(medium).toMatch(/\| `overlays\/o0\/patch.yaml` \| \d+ \| \d+ \| 0 \| /);

    const large = markdownReport(sampleResult({ diagnostics: findings(20_000, 2500) }), OPTIONS);
    expect(large.length).toBeLessThan(MARKDOWN_BUDGET);
    expect(large).toContain('only counts per rule are shown');
    expect(large).toContain('| `policy/rule-0` | error |');
  });

  it('reports a clean run', () => {
    const md = markdownReport(sampleResult({ diagnostics: [], suppressed: 0 }), OPTIONS);
    expect(md).toContain('### kcfg check passed: 0 errors, 0 warnings');
    expect(md).toContain('No findings.');
  });
});
