// PrometheusRule expressions, parsed with the Prometheus project's own PromQL grammar
// (@prometheus-io/lezer-promql, what the Prometheus UI parses with): a syntax error is found before the
// operator loads a rule group that Prometheus then refuses, silently dropping every alert in it.

import { statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { problem } from '../../codes/index.js';
import { prometheusRules } from '../../core/prometheus-rules.js';
import type { Finding, Resource } from '../../core/resource.js';
import { stampFor } from '../../core/stamp.js';
import type { CheckContext } from '../finding.js';
import { finding } from '../finding.js';

const require = createRequire(import.meta.url);
type PromqlParser = (typeof import('@prometheus-io/lezer-promql'))['parser'];
let parser: PromqlParser | undefined;

/** Loaded on the first expression not known to parse: most runs never pay for the grammar. */
function promql(): PromqlParser {
  return (parser ??= (require('@prometheus-io/lezer-promql') as typeof import('@prometheus-io/lezer-promql')).parser);
}

let grammarId: string | undefined;

/** The installed grammar (its file's path, size and time): an upgrade checks every expression again. */
function grammar(): string {
  if (grammarId === undefined) {
    try {
      const main = require.resolve('@prometheus-io/lezer-promql');
      const st = statSync(main);
      grammarId = `${main}:${st.size}:${st.mtimeMs}`;
    } catch {
      grammarId = '';
    }
  }
  return grammarId;
}

/** The first syntax error of `expr`, skipping expressions that parsed before (remembered in `cacheDir`). */
function rememberedError(expr: string, cacheDir: string | undefined): SyntaxError | undefined {
  const mark = stampFor(cacheDir, 'promql', [grammar(), expr]);
  if (mark.passed) return undefined;
  const err = promqlError(expr);
  if (!err) mark.remember();
  return err;
}

export interface SyntaxError {
  /** 1-based line and column inside the expression. */
  line: number;
  column: number;
  /** The text at the error, or `end of expression`. */
  near: string;
}

/** The first syntax error of a PromQL expression, or undefined when it parses. */
export function promqlError(expr: string): SyntaxError | undefined {
  let at: number | undefined;
  promql()
    .parse(expr)
    .iterate({
      enter: (node) => {
        if (at === undefined && node.type.isError) at = node.from;
        return at === undefined;
      },
    });
  if (at === undefined) return undefined;
  // An error at the end (an unclosed bracket) is shown after the last character, not on a trailing newline.
  at = Math.min(at, expr.trimEnd().length);
  const before = expr.slice(0, at);
  const nl = before.lastIndexOf('\n');
  const token = /^\S{1,20}/.exec(expr.slice(at))?.[0];
  return {
    line: before.split('\n').length,
    column: at - nl,
    near: token ? `"${token}"` : 'end of expression',
  };
}

export function checkPrometheusRules(resource: Resource, ctx?: CheckContext): Finding[] {
  const out: Finding[] = [];
  for (const { rule, pointer: at, index } of prometheusRules(resource)) {
    const expr = rule['expr'];
    if (typeof expr === 'string') {
      const err =
        expr.trim() === '' ? { line: 1, column: 1, near: 'end of expression' } : rememberedError(expr, ctx?.cacheDir);
      if (err) {
        const f = finding(
          resource,
          `${at}/expr`,
          problem('semantic/promql-syntax', {
            rule: String(rule['alert'] ?? rule['record'] ?? `#${index}`),
            line: err.line,
            column: err.column,
            near: err.near,
          }),
        );
        // Pointed at the line of the expression that is wrong, not at `expr:`.
        f.within = { line: err.line, column: err.column };
        out.push(f);
      }
    }
    for (const key of ['for', 'keep_firing_for'])
      if (rule[key] === '')
        out.push(finding(resource, `${at}/${key}`, problem('semantic/prometheus-duration', { field: key })));
  }
  return out;
}
