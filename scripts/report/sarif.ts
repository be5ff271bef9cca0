// SARIF 2.1.0 for code scanning. GitHub keeps at most 5,000 results per run, so errors go first and the
// rest is cut with a notification saying so. Fingerprints hash what identifies a finding, never line numbers,
// so an alert survives edits above it.

import type { Location, Log, Notification, PhysicalLocation, Region, ReportingDescriptor, Result } from 'sarif';
import { createHash } from 'node:crypto';
import type { CheckResult } from '../check/result.js';
import type { Diagnostic, Severity, SourceLocation } from '../core/diagnostic.js';
import { bySeverity, describeSubject, fallbackFile, isRepoFile, toolVersion } from './common.js';
import { ruleInfo, type RuleInfo } from './rules.js';
import type { ReportOptions } from './types.js';

export const SARIF_MAX_RESULTS = 5_000;
export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
export const FINGERPRINT_KEY = 'kcfgFinding/v1';
const SRCROOT = '%SRCROOT%';
const RENDERED = 'KCFG_RENDERED';

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note' };

export interface SarifOptions {
  /** Absolute base for documentation links (`helpUri`); `options.docsBase` when unset. */
  docsBaseUrl?: string;
  maxResults?: number;
}

export function sarifReport(result: CheckResult, options: ReportOptions, sarif: SarifOptions = {}): string {
  return JSON.stringify(sarifLog(result, options, sarif), null, 2) + '\n';
}

export function sarifLog(
  result: CheckResult,
  options: Pick<ReportOptions, 'root' | 'docsBase' | 'catalog'>,
  sarif: SarifOptions = {},
): Log {
  const max = sarif.maxResults ?? SARIF_MAX_RESULTS;
  const docsBase = sarif.docsBaseUrl ?? options.docsBase;
  const ordered = bySeverity(result.diagnostics);
  const kept = ordered.slice(0, max);
  const dropped = ordered.length - kept.length;

  const rules: ReportingDescriptor[] = [];
  const ruleIndex = new Map<string, number>();
  for (const d of kept) {
    if (ruleIndex.has(d.code)) continue;
    ruleIndex.set(d.code, rules.length);
    rules.push(ruleDescriptor(ruleInfo(d.code, d, docsBase, options.catalog)));
  }

  const notifications: Notification[] = [];
  if (dropped > 0) {
    const cut = countBySev(ordered.slice(max));
    notifications.push({
      level: 'warning',
      message: {
        text: `${dropped} of ${ordered.length} results were left out (${cut}): code scanning keeps at most ${max} per run, so errors were kept first. Run kcfg check locally for the full list.`,
      },
      descriptor: { id: 'kcfg/results-truncated' },
    });
  }

  return {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'kcfg',
            version: toolVersion(),
            semanticVersion: toolVersion(),
            informationUri: docsBase ? `${docsBase}/README.md` : undefined,
            rules,
          },
        },
        automationDetails: { id: `kcfg/${result.command}/` },
        originalUriBaseIds: {
          [SRCROOT]: { description: { text: 'The repository root (where kcfg.yaml lives).' } },
          [RENDERED]: {
            description: {
              text: 'Rendered environments, as `kcfg render --out DIR` writes them (DIR/<environment>.yaml).',
            },
          },
        },
        invocations: [
          {
            executionSuccessful: true,
            toolExecutionNotifications: notifications,
            properties: {
              command: result.command,
              environments: result.environments.map(({ resourceIds: _ids, ...e }) => e),
              suppressed: result.suppressed,
              skippedRules: result.skippedRules,
              ...(result.engine ? { engine: result.engine } : {}),
            },
          },
        ],
        results: distinctFingerprints(kept.map((d) => sarifResult(d, ruleIndex.get(d.code)!, result, options.root))),
        properties: { truncated: dropped > 0, totalResults: ordered.length },
      },
    ],
  };
}

function ruleDescriptor(rule: RuleInfo): ReportingDescriptor {
  const docsText = rule.docs ? `\n\nDocumentation: ${rule.docs}` : '';
  const help = `${rule.description}${rule.remediation ? `\n\nFix: ${rule.remediation}` : ''}${docsText}`;
  return {
    id: rule.id,
    name: rule.name,
    shortDescription: { text: rule.title },
    fullDescription: { text: rule.description },
    help: { text: help, markdown: helpMarkdown(rule) },
    ...(rule.docs && /^https?:\/\//.test(rule.docs) ? { helpUri: rule.docs } : {}),
    ...(rule.defaultSeverity ? { defaultConfiguration: { level: LEVEL[rule.defaultSeverity] } } : {}),
    properties: { tags: ['kubernetes', 'kustomize', rule.id.split('/')[0]] },
  };
}

function helpMarkdown(rule: RuleInfo): string {
  const lines = [`**${rule.title}**`, '', rule.description];
  if (rule.remediation) lines.push('', `**Fix:** ${rule.remediation}`);
  if (rule.docs)
    lines.push('', /^https?:\/\//.test(rule.docs) ? `See [the documentation](${rule.docs}).` : `See \`${rule.docs}\`.`);
  return lines.join('\n');
}

function sarifResult(d: Diagnostic, ruleIndex: number, result: CheckResult, root: string): Result {
  const subject = describeSubject(d);
  const envs = d.environments.length ? ` [${d.environments.join(', ')}]` : '';
  const text = `${d.message}${subject ? ` (${subject})` : ''}${envs}${d.hint ? `. Hint: ${d.hint}` : ''}`;
  const where = isRepoFile(d.source?.file) ? d.source : undefined;
  const file = where?.file ?? fallbackFile(d, result, root);
  const locations = file ? [{ physicalLocation: physical(file, where ?? { file, line: 1, column: 1 }) }] : [];
  const related: Location[] = [];
  const rendered = d.rendered ?? (d.source && !where ? d.source : undefined);
  if (rendered) related.push(relatedLocation(rendered, 0));
  return {
    ruleId: d.code,
    ruleIndex,
    level: LEVEL[d.severity],
    message: { text },
    locations,
    ...(related.length ? { relatedLocations: related } : {}),
    partialFingerprints: { [FINGERPRINT_KEY]: fingerprint(d, file) },
    // The diagnostic itself, so `kcfg merge` can read SARIF back without loss.
    properties: { environments: d.environments, diagnostic: d },
  };
}

function physical(file: string, loc: SourceLocation): PhysicalLocation {
  const region: Region = { startLine: Math.max(1, loc.line), startColumn: Math.max(1, loc.column) };
  if (loc.endLine) region.endLine = loc.endLine;
  if (loc.endColumn) region.endColumn = loc.endColumn;
  return { artifactLocation: { uri: encodePath(file), uriBaseId: SRCROOT }, region };
}

function relatedLocation(loc: SourceLocation, id: number): Location {
  const m = /^<rendered:(.*)>$/.exec(loc.file);
  if (m) {
    const env = m[1];
    return {
      id,
      physicalLocation: {
        artifactLocation: {
          uri: encodePath(`${env === '.' ? 'root' : env.replace(/[\\/]+/g, '_')}.yaml`),
          uriBaseId: RENDERED,
        },
        region: { startLine: Math.max(1, loc.line), startColumn: Math.max(1, loc.column) },
      },
      message: { text: `rendered output of ${env}` },
    };
  }
  if (!isRepoFile(loc.file)) return { id, message: { text: `${loc.file}:${loc.line}:${loc.column}` } };
  return { id, physicalLocation: physical(loc.file, loc), message: { text: 'rendered value' } };
}

/** Stable across runs and edits elsewhere in the file: what the finding is about, not where it sits. */
export function fingerprint(d: Diagnostic, file: string | undefined): string {
  const r = d.resource;
  const parts = [
    d.code,
    r ? `${r.group}/${r.kind}` : '',
    r?.namespace ?? '',
    r?.name ?? '',
    d.pointer ?? '',
    file ?? '',
  ];
  return createHash('sha256').update(parts.join('\u0000')).digest('hex').slice(0, 32);
}

/** Two findings on the same subject with different messages must not collapse into one alert. */
function distinctFingerprints(results: Result[]): Result[] {
  const seen = new Map<string, number>();
  for (const r of results) {
    const fp = r.partialFingerprints!;
    const base = fp[FINGERPRINT_KEY];
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    if (n > 0) fp[FINGERPRINT_KEY] = `${base}:${n}`;
  }
  return results;
}

function encodePath(file: string): string {
  return file.split('/').map(encodeURIComponent).join('/');
}

function countBySev(diags: readonly Diagnostic[]): string {
  const c = { error: 0, warning: 0, info: 0 };
  for (const d of diags) c[d.severity]++;
  return `${c.error} errors, ${c.warning} warnings, ${c.info} notes`;
}

/** In GitHub Actions, documentation links point at the docs of the commit being checked. */
