import { describe, expect, it } from 'vitest';
import { junitReport } from '../../scripts/report/junit.js';
import { sampleResult } from './sample.js';

/** Minimal well-formedness: balanced tags, quoted attributes, no raw `<` or `&` in text. */
function assertWellFormed(xml: string): void {
  const body = xml.replace(/^<\?xml[^?]*\?>\n/, '');
  const stack: string[] = [];
  const tag = /<(\/?)([A-Za-z][\w-]*)((?:\s+[\w-]+="[^"<]*")*)\s*(\/?)>/g;
  let at = 0;
  let m: RegExpExecArray | null;
  while ((m = tag.exec(body)) !== null) {
    const between = body.slice(at, m.index);
    expect(between, `text before <${m[2]}>`).not.toMatch(/[<>]|&(?!(amp|lt|gt|quot|apos|#\d+);)/);
    at = m.index + m[0].length;
    if (m[1]) expect(stack.pop()).toBe(m[2]);
    else if (!m[4]) stack.push(m[2]!);
  }
  expect(body.slice(at).trim()).toBe('');
  expect(stack).toEqual([]);
}

describe('junit reporter', () => {
  it('has one suite per environment and one case per resource and rule', () => {
    const xml = junitReport(sampleResult());
    assertWellFormed(xml);
    expect(xml).toMatch(/<testsuites name="kcfg check" tests="6" failures="3" errors="0" skipped="0" time="0.123">/);
    expect(xml).toContain('<testsuite name="staging" tests="4" failures="2"');
    expect(xml).toContain(
      '<testcase classname="staging.Deployment.apps relay/api" name="policy/run-as-non-root" file="base/deployment-api.yaml" line="7" time="0">',
    );
    // A resource without findings still shows as a passing case.
    expect(xml).toContain('<testcase classname="staging.Service relay/api" name="checks" time="0"/>');
    // Warnings pass, with their text in system-out.
    expect(xml).toMatch(/name="policy\/image-tag"[^>]*>\n\s*<system-out>warning: image busybox/);
    expect(xml).toContain(
      'message="unknown field &quot;replicass&quot; in Deployment &lt;spec&gt;, 100% &amp; more: see &quot;docs&quot;"',
    );
  });

  it('escapes control characters and line breaks in attributes', () => {
    const r = sampleResult();
    r.diagnostics[0]!.message = 'bad\u0001char\nnext <x> & "q"';
    const xml = junitReport(r);
    assertWellFormed(xml);
    expect(xml).toContain('message="badchar&#10;next &lt;x&gt; &amp; &quot;q&quot;"');
  });

  it('shows one passing case per environment on a clean run without resource ids', () => {
    const xml = junitReport(
      sampleResult({
        diagnostics: [],
        environments: [{ name: 'prod', dir: 'o/p', kubernetesVersion: '1.32', resources: 0, cached: false }],
      }),
    );
    assertWellFormed(xml);
    expect(xml).toContain('tests="1" failures="0"');
    expect(xml).toContain('<testcase classname="prod" name="checks" time="0"/>');
  });
});
