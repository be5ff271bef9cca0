// JUnit XML for CI test tabs: one suite per environment, one test case per resource and rule. Errors are
// failures; warnings and info pass but are listed in system-out so they stay visible. Every resource gets
// at least one case, so a clean run still shows what was tested.

import type { CheckResult, EnvironmentSummary } from '../check/result.js';
import { formatResourceId, resourceKey, type Diagnostic } from '../core/diagnostic.js';

interface Case {
  classname: string;
  name: string;
  diags: Diagnostic[];
}

const NO_ENV = '(no environment)';

export function junitReport(result: CheckResult): string {
  const suites = result.environments.map((e) => suiteFor(e.name, e, result.diagnostics));
  if (result.diagnostics.some((d) => d.environments.length === 0))
    suites.push(suiteFor(NO_ENV, undefined, result.diagnostics));
  let tests = 0;
  let failures = 0;
  const body: string[] = [];
  for (const s of suites) {
    tests += s.cases.length;
    failures += s.failures;
    body.push(...s.xml);
  }
  const head = `<testsuites name="${attr(`kcfg ${result.command}`)}" tests="${tests}" failures="${failures}" errors="0" skipped="0" time="${seconds(result.durationMs)}">`;
  return ['<?xml version="1.0" encoding="UTF-8"?>', head, ...body, '</testsuites>', ''].join('\n');
}

function suiteFor(
  name: string,
  env: EnvironmentSummary | undefined,
  all: readonly Diagnostic[],
): { cases: Case[]; failures: number; xml: string[] } {
  const mine = all.filter((d) => (env ? d.environments.includes(name) : d.environments.length === 0));
  const cases = new Map<string, Case>();
  const add = (classname: string, caseName: string, d?: Diagnostic): void => {
    const key = `${classname}\u0000${caseName}`;
    let c = cases.get(key);
    if (!c) cases.set(key, (c = { classname, name: caseName, diags: [] }));
    if (d) c.diags.push(d);
  };
  const withFindings = new Set<string>();
  for (const d of mine) {
    if (d.resource) withFindings.add(resourceKey(d.resource));
    add(`${name}.${d.resource ? formatResourceId(d.resource) : (d.source?.file ?? 'environment')}`, d.code, d);
  }
  for (const id of env?.resourceIds ?? []) {
    if (!withFindings.has(resourceKey(id))) add(`${name}.${formatResourceId(id)}`, 'checks');
  }
  // A clean environment without resource identities (e.g. merged from JSON) still shows one test.
  if (cases.size === 0) add(name, 'checks');
  const list = [...cases.values()];
  const failures = list.filter((c) => c.diags.some((d) => d.severity === 'error')).length;
  const props = env
    ? [
        `    <properties>`,
        `      <property name="dir" value="${attr(env.dir)}"/>`,
        `      <property name="kubernetesVersion" value="${attr(env.kubernetesVersion)}"/>`,
        `    </properties>`,
      ]
    : [];
  const xml = [
    `  <testsuite name="${attr(name)}" tests="${list.length}" failures="${failures}" errors="0" skipped="0" time="0">`,
    ...props,
    ...list.flatMap(testcase),
    `  </testsuite>`,
  ];
  return { cases: list, failures, xml };
}

function testcase(c: Case): string[] {
  const first = c.diags.find((d) => d.source && !d.source.file.startsWith('<'));
  const loc = first?.source ? ` file="${attr(first.source.file)}" line="${first.source.line}"` : '';
  const open = `    <testcase classname="${attr(c.classname)}" name="${attr(c.name)}"${loc} time="0"`;
  if (c.diags.length === 0) return [`${open}/>`];
  const errors = c.diags.filter((d) => d.severity === 'error');
  const others = c.diags.filter((d) => d.severity !== 'error');
  const lines = [`${open}>`];
  if (errors.length > 0) {
    lines.push(
      `      <failure type="${attr(c.name)}" message="${attr(errors.map((d) => d.message).join('; '))}">${text(errors.map(detail).join('\n\n'))}</failure>`,
    );
  }
  if (others.length > 0) lines.push(`      <system-out>${text(others.map(detail).join('\n\n'))}</system-out>`);
  lines.push('    </testcase>');
  return lines;
}

function detail(d: Diagnostic): string {
  const lines = [`${d.severity}: ${d.message}`];
  if (d.source) lines.push(`at ${d.source.file}:${d.source.line}:${d.source.column}`);
  if (d.pointer) lines.push(`pointer: ${d.pointer}`);
  if (d.environments.length) lines.push(`environments: ${d.environments.join(', ')}`);
  if (d.hint) lines.push(`hint: ${d.hint}`);
  if (d.docs) lines.push(`docs: ${d.docs}`);
  return lines.join('\n');
}

function seconds(ms: number): string {
  return (ms / 1000).toFixed(3);
}

/** Characters XML 1.0 cannot carry at all are dropped; the rest is escaped. */
function clean(s: string): string {
  return (
    s
      // eslint-disable-next-line no-control-regex -- XML 1.0 forbids these characters
      .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '')
      .replace(/[\ud800-\udfff]/g, (c, i: number, all: string) => {
        const code = c.charCodeAt(0);
        const pairOk =
          code < 0xdc00 ? /[\udc00-\udfff]/.test(all[i + 1] ?? '') : /[\ud800-\udbff]/.test(all[i - 1] ?? '');
        return pairOk ? c : '';
      })
  );
}

export function text(s: string): string {
  return clean(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function attr(s: string): string {
  return text(s)
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')
    .replace(/\n/g, '&#10;')
    .replace(/\r/g, '&#13;')
    .replace(/\t/g, '&#9;');
}
