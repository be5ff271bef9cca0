// `kcfg merge`: combine the results of sharded runs. Inputs are kcfg JSON reports or kcfg SARIF logs (both
// carry every diagnostic in full); the output is one CheckResult any reporter can render.

import { readFileSync } from 'node:fs';
import type { CheckResult, EnvironmentSummary, StageTimings } from '../check/result.js';
import { mergeDiagnostics, type Diagnostic, type Severity } from '../core/diagnostic.js';
import { UsageError } from '../core/errors.js';
import type { EngineInfo } from '../core/rendered.js';
import { JSON_SCHEMA_VERSION } from '../report/json.js';

const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info'];

export function readResultFile(path: string, display = path): CheckResult {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new UsageError(
      `cannot read ${display}`,
      'pass files written by `kcfg check --format json|sarif --output FILE`',
    );
  }
  return parseResult(text, display);
}

export function parseResult(text: string, file: string): CheckResult {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    throw new UsageError(`${file} is not JSON: ${e instanceof Error ? e.message : String(e)}`);
  }
  if (isRecord(doc) && doc['tool'] === 'kcfg' && 'schemaVersion' in doc) return fromJsonReport(doc, file);
  if (isRecord(doc) && doc['version'] === '2.1.0' && Array.isArray(doc['runs'])) return fromSarif(doc, file);
  throw new UsageError(`${file} is neither a kcfg JSON report nor a kcfg SARIF log`);
}

function fromJsonReport(doc: Record<string, unknown>, file: string): CheckResult {
  if (doc['schemaVersion'] !== JSON_SCHEMA_VERSION) {
    throw new UsageError(
      `${file} has JSON schemaVersion ${String(doc['schemaVersion'])}; this kcfg reads version ${JSON_SCHEMA_VERSION}`,
      'merge reports written by the same kcfg version',
    );
  }
  const summary = isRecord(doc['summary']) ? doc['summary'] : {};
  return {
    command: str(doc['command'], 'check'),
    ...(isRecord(doc['engine']) ? { engine: doc['engine'] as unknown as EngineInfo } : {}),
    environments: arr(doc['environments'], file, 'environments').map((e) => environment(e, file)),
    diagnostics: arr(doc['diagnostics'], file, 'diagnostics').map((d) => diagnostic(d, file)),
    suppressed: num(summary['suppressed']),
    skippedRules: arr(doc['skippedRules'], file, 'skippedRules').map(String),
    durationMs: 0,
  };
}

function fromSarif(doc: Record<string, unknown>, file: string): CheckResult {
  const runs = (doc['runs'] as unknown[]).filter(isRecord);
  const parts: CheckResult[] = [];
  for (const run of runs) {
    const driver = isRecord(run['tool']) && isRecord(run['tool']['driver']) ? run['tool']['driver'] : {};
    if (driver['name'] !== 'kcfg')
      throw new UsageError(`${file} has a run from ${String(driver['name'] ?? 'an unknown tool')}, not kcfg`);
    const inv = Array.isArray(run['invocations']) && isRecord(run['invocations'][0]) ? run['invocations'][0] : {};
    const props = isRecord(inv['properties']) ? inv['properties'] : {};
    const results = Array.isArray(run['results']) ? run['results'].filter(isRecord) : [];
    const diags = results.map((r, i) => {
      const p = isRecord(r['properties']) ? r['properties'] : {};
      if (!isRecord(p['diagnostic']))
        throw new UsageError(`${file}: result ${i} carries no kcfg diagnostic`, 'merge SARIF written by kcfg');
      return diagnostic(p['diagnostic'], file);
    });
    const truncated = isRecord(run['properties']) && run['properties']['truncated'] === true;
    if (truncated)
      throw new UsageError(
        `${file} was truncated to ${results.length} results`,
        'merge the JSON reports instead: they are never truncated',
      );
    parts.push({
      command: str(props['command'], 'check'),
      ...(isRecord(props['engine']) ? { engine: props['engine'] as unknown as EngineInfo } : {}),
      environments: (Array.isArray(props['environments']) ? props['environments'] : []).map((e) =>
        environment(e, file),
      ),
      diagnostics: diags,
      suppressed: num(props['suppressed']),
      skippedRules: Array.isArray(props['skippedRules']) ? props['skippedRules'].map(String) : [],
      durationMs: 0,
    });
  }
  return mergeResults(parts);
}

/** One result from many: environments in input order (first wins on a repeated name), findings merged. */
export function mergeResults(results: readonly CheckResult[]): CheckResult {
  const environments: EnvironmentSummary[] = [];
  const diagnostics: Diagnostic[] = [];
  const skipped = new Set<string>();
  let suppressed = 0;
  let engine: EngineInfo | undefined;
  for (const r of results) {
    for (const e of r.environments) if (!environments.some((x) => x.name === e.name)) environments.push(e);
    diagnostics.push(...r.diagnostics);
    for (const s of r.skippedRules) skipped.add(s);
    suppressed += r.suppressed;
    engine ??= r.engine;
  }
  const commands = [...new Set(results.map((r) => r.command))];
  return {
    command: commands.length === 1 ? commands[0] : 'check',
    ...(engine ? { engine } : {}),
    environments,
    diagnostics: mergeDiagnostics(diagnostics),
    suppressed,
    skippedRules: [...skipped].sort(),
    durationMs: results.reduce((n, r) => Math.max(n, r.durationMs), 0),
    ...(results.some((r) => r.stageMs) ? { stageMs: sumStages(results) } : {}),
  };
}

function environment(e: unknown, file: string): EnvironmentSummary {
  if (!isRecord(e) || typeof e['name'] !== 'string') throw new UsageError(`${file}: an environment entry has no name`);
  return {
    name: e['name'],
    dir: str(e['dir'], ''),
    kubernetesVersion: str(e['kubernetesVersion'], ''),
    resources: num(e['resources']),
    cached: e['cached'] === true,
  };
}

function diagnostic(d: unknown, file: string): Diagnostic {
  if (
    !isRecord(d) ||
    typeof d['code'] !== 'string' ||
    typeof d['message'] !== 'string' ||
    !SEVERITIES.includes(d['severity'] as Severity)
  ) {
    throw new UsageError(`${file}: a diagnostic lacks code, message or a valid severity`);
  }
  const envs = Array.isArray(d['environments']) ? d['environments'].map(String) : [];
  return { ...(d as unknown as Diagnostic), environments: envs };
}

function arr(v: unknown, file: string, what: string): unknown[] {
  if (v === undefined) return [];
  if (!Array.isArray(v)) throw new UsageError(`${file}: ${what} is not a list`);
  return v;
}

function str(v: unknown, fallback: string): string {
  return typeof v === 'string' ? v : fallback;
}

function num(v: unknown): number {
  return typeof v === 'number' && Number.isFinite(v) ? v : 0;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function sumStages(results: readonly CheckResult[]): StageTimings {
  const sum: StageTimings = { render: 0, validate: 0, policies: 0 };
  for (const r of results) for (const k of Object.keys(sum) as (keyof StageTimings)[]) sum[k] += r.stageMs?.[k] ?? 0;
  return sum;
}
