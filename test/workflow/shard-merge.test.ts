import { describe, expect, it } from 'vitest';
import { UsageError } from '../../scripts/core/errors.js';
import { jsonReport } from '../../scripts/report/json.js';
import { sarifReport } from '../../scripts/report/sarif.js';
import { mergeResults, parseResult } from '../../scripts/workflow/merge.js';
import { parseShard, shardEnvironments } from '../../scripts/workflow/shard.js';
import { OPTIONS, sampleResult } from '../report/sample.js';

describe('--shard i/n', () => {
  const envs = Array.from({ length: 23 }, (_, i) => ({ name: `env-${String((i * 7) % 23).padStart(2, '0')}` }));

  it('splits every environment into exactly one shard, sizes within one of each other', () => {
    const shards = [1, 2, 3, 4].map((i) => shardEnvironments(envs, { index: i, total: 4 }).map((e) => e.name));
    expect(shards.flat().sort()).toEqual(envs.map((e) => e.name).sort());
    expect(new Set(shards.flat()).size).toBe(envs.length);
    const sizes = shards.map((s) => s.length);
    expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
  });

  it('does not depend on the order environments are listed in', () => {
    const reversed = [...envs].reverse();
    expect(shardEnvironments(reversed, { index: 2, total: 3 })).toEqual(
      shardEnvironments(envs, { index: 2, total: 3 }),
    );
  });

  it('rejects malformed specs', () => {
    expect(parseShard('2/4')).toEqual({ index: 2, total: 4 });
    for (const bad of ['0/4', '5/4', '1/0', '1', 'a/b', '1/2/3']) expect(() => parseShard(bad)).toThrow(UsageError);
  });
});

describe('kcfg merge', () => {
  const base = sampleResult();
  const shardA = sampleResult({
    environments: [base.environments[0]!],
    diagnostics: base.diagnostics
      .map((d) => ({ ...d, environments: d.environments.filter((e) => e === 'staging') }))
      .filter((d) => d.environments.length > 0),
    suppressed: 1,
  });
  const shardB = sampleResult({
    environments: [base.environments[1]!],
    diagnostics: base.diagnostics
      .map((d) => ({ ...d, environments: d.environments.filter((e) => e === 'production') }))
      .filter((d) => d.environments.length > 0),
    suppressed: 2,
  });

  it('merges the same finding seen in two shards into one with both environments', () => {
    const merged = mergeResults([shardA, shardB]);
    expect(merged.environments.map((e) => e.name)).toEqual(['staging', 'production']);
    const both = merged.diagnostics.find((d) => d.code === 'policy/run-as-non-root')!;
    expect(both.environments).toEqual(['staging', 'production']);
    expect(merged.diagnostics).toHaveLength(base.diagnostics.length);
    expect(merged.suppressed).toBe(3);
  });

  it('reads JSON reports and SARIF logs back without losing diagnostics', () => {
    const fromJson = mergeResults([
      parseResult(jsonReport(shardA), 'a.json'),
      parseResult(jsonReport(shardB), 'b.json'),
    ]);
    const fromSarif = mergeResults([
      parseResult(sarifReport(shardA, OPTIONS), 'a.sarif'),
      parseResult(sarifReport(shardB, OPTIONS), 'b.sarif'),
    ]);
    const direct = mergeResults([shardA, shardB]);
    expect(fromJson.diagnostics).toEqual(direct.diagnostics);
    expect(fromSarif.diagnostics).toEqual(direct.diagnostics);
    expect(fromSarif.environments.map((e) => [e.name, e.resources])).toEqual([
      ['staging', 2],
      ['production', 3],
    ]);
    expect(fromJson.suppressed).toBe(3);
  });

  it('refuses inputs it cannot merge faithfully', () => {
    expect(() => parseResult('{', 'x.json')).toThrow(/x.json is not JSON/);
    expect(() => parseResult('{"hello":1}', 'x.json')).toThrow(/neither a kcfg JSON report nor a kcfg SARIF log/);
    expect(() => parseResult(JSON.stringify({ schemaVersion: 99, tool: 'kcfg' }), 'x.json')).toThrow(
      /schemaVersion 99/,
    );
    const truncated = JSON.parse(sarifReport(shardA, OPTIONS));
    truncated.runs[0].properties.truncated = true;
    expect(() => parseResult(JSON.stringify(truncated), 't.sarif')).toThrow(/truncated/);
    const other = JSON.parse(sarifReport(shardA, OPTIONS));
    other.runs[0].tool.driver.name = 'eslint';
    expect(() => parseResult(JSON.stringify(other), 'o.sarif')).toThrow(/eslint/);
  });
});
