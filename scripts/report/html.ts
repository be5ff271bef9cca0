// A static report in one self-contained file: inline CSS and JS, no external requests (the CSP forbids
// them), so it can be attached to a CI run and opened anywhere. No timestamps: the same result gives the
// same bytes.

import type { CheckResult } from '../check/result.js';
import {
  countBySeverity,
  formatResourceId,
  SEVERITY_RANK,
  type Diagnostic,
  type Severity,
} from '../core/diagnostic.js';
import { resourceTitle, sectionSummary, showValue } from '../diff/describe.js';
import type { DiffSection, FieldChange, ResourceDiff } from '../diff/types.js';
import { plural, toolVersion } from './common.js';
import { codeFrame } from './frame.js';
import { ruleInfo } from './rules.js';
import { summaryLine } from './text.js';
import type { ReportOptions } from './types.js';

const VALUE_MAX = 400;

export function htmlReport(result: CheckResult, options: ReportOptions): string {
  const c = countBySeverity(result.diagnostics);
  const verdict = c.error > 0 ? 'failed' : 'passed';
  const sections = [
    environmentsSection(result),
    byPolicySection(result.diagnostics, options),
    byFileSection(result.diagnostics, options),
    diffSection(result.diffs ?? []),
  ];
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>kcfg ${esc(result.command)} report</title>
<style>${CSS}</style>
</head>
<body>
<header>
<h1>kcfg ${esc(result.command)} <span class="verdict ${verdict}">${verdict}</span></h1>
<p class="counts"><span class="sev error">${plural(c.error, 'error')}</span> <span class="sev warning">${plural(c.warning, 'warning')}</span> <span class="sev info">${c.info} info</span>${result.suppressed ? ` <span class="muted">${result.suppressed} suppressed</span>` : ''}</p>
<p class="muted">${esc(summaryLine(result))}</p>
<nav><a href="#environments">Environments</a> <a href="#by-policy">By policy</a> <a href="#by-file">By file</a> <a href="#diff">Environment diff</a></nav>
<form id="filters" class="filters" onsubmit="return false">
<label><input type="checkbox" data-sev="error" checked> errors</label>
<label><input type="checkbox" data-sev="warning" checked> warnings</label>
<label><input type="checkbox" data-sev="info" checked> info</label>
<input type="search" id="q" placeholder="filter by text, file, rule or environment" aria-label="filter">
</form>
</header>
<main>
${sections.join('\n')}
</main>
<footer class="muted">kcfg ${esc(toolVersion())}${result.engine ? ` · ${esc(result.engine.command)} ${esc(result.engine.version)}` : ''}</footer>
<script>${JS}</script>
</body>
</html>
`;
}

function environmentsSection(result: CheckResult): string {
  const per = new Map<string, Record<Severity, number>>();
  for (const d of result.diagnostics) {
    for (const e of d.environments) {
      const c = per.get(e) ?? { error: 0, warning: 0, info: 0 };
      c[d.severity]++;
      per.set(e, c);
    }
  }
  const rows = result.environments.map((e) => {
    const c = per.get(e.name) ?? { error: 0, warning: 0, info: 0 };
    return `<tr><td><b>${esc(e.name)}</b></td><td><code>${esc(e.dir)}</code></td><td>${esc(e.kubernetesVersion)}</td><td class="num">${e.resources}</td><td class="num ${c.error ? 'error' : ''}">${c.error}</td><td class="num ${c.warning ? 'warning' : ''}">${c.warning}</td><td class="num">${c.info}</td><td>${e.cached ? 'cache' : 'rendered'}</td></tr>`;
  });
  return `<section id="environments"><h2>Environments</h2>
<table><thead><tr><th>Environment</th><th>Directory</th><th>Kubernetes</th><th>Resources</th><th>Errors</th><th>Warnings</th><th>Info</th><th>Render</th></tr></thead>
<tbody>${rows.join('\n') || '<tr><td colspan="8" class="muted">no environments</td></tr>'}</tbody></table></section>`;
}

function byPolicySection(diags: readonly Diagnostic[], options: Pick<ReportOptions, 'docsBase' | 'catalog'>): string {
  const groups = new Map<string, Diagnostic[]>();
  for (const d of diags) groups.set(d.code, [...(groups.get(d.code) ?? []), d]);
  const ordered = [...groups].sort(([a, x], [b, y]) => worst(x) - worst(y) || y.length - x.length || (a < b ? -1 : 1));
  const blocks = ordered.map(([code, list]) => {
    const rule = ruleInfo(code, list[0], options.docsBase, options.catalog);
    const sev = Object.entries(countBySeverity(list))
      .filter(([, n]) => n > 0)
      .map(([s, n]) => `<span class="sev ${s}">${n} ${s}</span>`)
      .join(' ');
    const items = list.map(
      (d) =>
        `<li class="finding" data-severity="${d.severity}" data-text="${esc(searchText(d))}">${badge(d.severity)} ${location(d)} ${esc(d.message)} ${subject(d)} ${envs(d)}</li>`,
    );
    return `<details class="group" open><summary><code>${esc(code)}</code> <span class="title">${esc(rule.title)}</span> ${sev}</summary>
<p class="rule">${esc(rule.description)}${rule.remediation ? `<br><b>Fix:</b> ${esc(rule.remediation)}` : ''}${rule.docs ? `<br><span class="muted">docs: ${/^https?:\/\//.test(rule.docs) ? `<a href="${esc(rule.docs)}">${esc(rule.docs)}</a>` : `<code>${esc(rule.docs)}</code>`}</span>` : ''}</p>
<ul>${items.join('\n')}</ul></details>`;
  });
  return `<section id="by-policy"><h2>Findings by policy</h2>${blocks.join('\n') || '<p class="ok">No findings.</p>'}</section>`;
}

function byFileSection(diags: readonly Diagnostic[], options: ReportOptions): string {
  const groups = new Map<string, Diagnostic[]>();
  for (const d of diags) {
    const file = d.source?.file ?? '(no file)';
    groups.set(file, [...(groups.get(file) ?? []), d]);
  }
  const blocks = [...groups].map(([file, list]) => {
    const items = list.map((d) => {
      const frame =
        d.source && d.resource?.kind !== 'Secret'
          ? codeFrame(options, d.source.file, d.source.line, d.source.column, 2)
          : [];
      const pre = frame.length
        ? `<pre class="frame">${frame.map((l) => (l.startsWith('>') ? `<mark>${esc(l)}</mark>` : esc(l))).join('\n')}</pre>`
        : '';
      const hint = d.hint ? `<div class="hint"><b>hint:</b> ${esc(d.hint)}</div>` : '';
      return `<div class="finding" data-severity="${d.severity}" data-text="${esc(searchText(d))}">${badge(d.severity)} <span class="pos">${d.source ? `${d.source.line}:${d.source.column}` : '-'}</span> ${esc(d.message)} <code class="code">${esc(d.code)}</code> ${subject(d)} ${envs(d)}${hint}${pre}</div>`;
    });
    return `<details class="group" open><summary><code>${esc(file)}</code> <span class="muted">${plural(list.length, 'finding')}</span></summary>${items.join('\n')}</details>`;
  });
  return `<section id="by-file"><h2>Findings by file</h2>${blocks.join('\n') || '<p class="ok">No findings.</p>'}</section>`;
}

function diffSection(sections: readonly DiffSection[]): string {
  if (sections.length === 0) {
    return `<section id="diff"><h2>Environment diff</h2><p class="muted">No diff in this report: run <code>kcfg check --diff A,B --format html</code> with two environments.</p></section>`;
  }
  const blocks = sections.map((s) => {
    const head = `<h3>${esc(s.title)} <span class="muted">${esc(sectionSummary(s))}</span></h3>`;
    if (!s.diff || s.diff.resources.length === 0) return head;
    const { a, b } = s.diff;
    const resources = s.diff.resources.map((r) => resourceTable(r, a, b));
    return `${head}\n${resources.join('\n')}`;
  });
  return `<section id="diff"><h2>Environment diff</h2>${blocks.join('\n')}</section>`;
}

function resourceTable(r: ResourceDiff, a: string, b: string): string {
  const rows = r.changes.map(
    (c) =>
      `<tr class="${c.op}"><td><code>${esc(c.label)}</code></td><td class="side a">${side(c, 'old')}</td><td class="side b">${side(c, 'new')}</td></tr>`,
  );
  if (r.changes.length === 0) {
    const only = r.kind === 'added' ? ['', 'present'] : r.kind === 'removed' ? ['present', ''] : ['', ''];
    rows.push(
      `<tr class="${r.kind}"><td class="muted">whole resource</td><td class="side a">${only[0]}</td><td class="side b">${only[1]}</td></tr>`,
    );
  }
  const notes = r.notes.map((n) => `<p class="note">${esc(n)}</p>`).join('');
  return `<details class="resource ${r.kind}" open><summary><b>${esc(resourceTitle(r))}</b> <span class="kind ${r.kind}">${r.kind}</span></summary>
<table class="diff"><thead><tr><th>Field</th><th>${esc(a)}</th><th>${esc(b)}</th></tr></thead><tbody>${rows.join('')}</tbody></table>${notes}</details>`;
}

function side(c: FieldChange, which: 'old' | 'new'): string {
  const v = c[which];
  if (!v) return '';
  const shown = showValue(v, VALUE_MAX);
  return c.sensitive ? `<span class="muted">hidden (sha ${esc(shown)})</span>` : `<code>${esc(shown)}</code>`;
}

function worst(list: readonly Diagnostic[]): number {
  return Math.min(...list.map((d) => SEVERITY_RANK[d.severity]));
}

function badge(s: Severity): string {
  return `<span class="badge ${s}">${s}</span>`;
}

function location(d: Diagnostic): string {
  return d.source ? `<code class="loc">${esc(`${d.source.file}:${d.source.line}:${d.source.column}`)}</code>` : '';
}

function subject(d: Diagnostic): string {
  const parts = [
    d.resource ? esc(formatResourceId(d.resource)) : '',
    d.pointer ? `<code>${esc(d.pointer)}</code>` : '',
  ].filter(Boolean);
  return parts.length ? `<span class="subject">${parts.join(' ')}</span>` : '';
}

function envs(d: Diagnostic): string {
  return d.environments.length
    ? `<span class="envs">${d.environments.map((e) => `<span class="env">${esc(e)}</span>`).join('')}</span>`
    : '';
}

function searchText(d: Diagnostic): string {
  return [d.code, d.message, d.source?.file ?? '', d.resource ? formatResourceId(d.resource) : '', ...d.environments]
    .join(' ')
    .toLowerCase();
}

export function esc(s: string): string {
  return s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

const CSS = `
:root{--fg:#1f2328;--muted:#656d76;--line:#d0d7de;--bg:#fff;--soft:#f6f8fa;--err:#cf222e;--warn:#9a6700;--info:#0969da;--ok:#1a7f37}
*{box-sizing:border-box}body{margin:0;font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;color:var(--fg);background:var(--bg)}
header{padding:16px 24px;border-bottom:1px solid var(--line);background:var(--soft);position:sticky;top:0;z-index:1}
h1{margin:0 0 4px;font-size:22px}h2{font-size:18px;border-bottom:1px solid var(--line);padding-bottom:4px;margin-top:28px}h3{font-size:15px}
main{padding:0 24px 24px;max-width:1400px}footer{padding:12px 24px;border-top:1px solid var(--line)}
nav a{margin-right:14px;color:var(--info);text-decoration:none}p{margin:4px 0}
.muted{color:var(--muted)}.ok{color:var(--ok)}.verdict{font-size:13px;padding:2px 8px;border-radius:10px;color:#fff;vertical-align:middle}
.verdict.failed{background:var(--err)}.verdict.passed{background:var(--ok)}
.sev{margin-right:10px;font-weight:600}.sev.error,.error{color:var(--err)}.sev.warning,.warning{color:var(--warn)}.sev.info{color:var(--info)}
.badge{display:inline-block;min-width:58px;text-align:center;font-size:11px;font-weight:700;text-transform:uppercase;border-radius:4px;padding:1px 4px;color:#fff}
.badge.error{background:var(--err)}.badge.warning{background:#bf8700}.badge.info{background:var(--info)}
table{border-collapse:collapse;width:100%;margin:8px 0}th,td{border:1px solid var(--line);padding:4px 8px;text-align:left;vertical-align:top}
th{background:var(--soft)}td.num{text-align:right}code{font:12px ui-monospace,SFMono-Regular,Menlo,monospace;background:var(--soft);padding:0 3px;border-radius:3px;word-break:break-all}
details.group{border:1px solid var(--line);border-radius:6px;margin:8px 0;padding:6px 10px}summary{cursor:pointer}
details.group ul{margin:6px 0;padding-left:18px}li.finding{margin:3px 0}.rule{margin:6px 0;color:var(--muted)}
div.finding{border-top:1px solid var(--soft);padding:6px 0}.pos{font-family:ui-monospace,monospace;color:var(--muted);display:inline-block;min-width:52px}
.subject{color:var(--muted);margin-left:6px}.env{display:inline-block;font-size:11px;background:#ddf4ff;color:#0550ae;border-radius:8px;padding:0 6px;margin-left:4px}
.hint{margin:2px 0 2px 64px;color:var(--ok)}pre.frame{margin:4px 0 4px 64px;padding:6px 8px;background:var(--soft);border-radius:4px;overflow:auto;font-size:12px}
pre.frame mark{background:#fff8c5}.filters{margin-top:8px}.filters label{margin-right:12px}.filters input[type=search]{width:340px;padding:3px 6px}
table.diff td.side{width:40%}tr.add td.b,tr.added td.b{background:#dafbe1}tr.remove td.a,tr.removed td.a{background:#ffebe9}tr.replace td.a{background:#ffebe9}tr.replace td.b{background:#dafbe1}
details.resource{margin:6px 0}.kind{font-size:11px;border-radius:8px;padding:0 6px;background:var(--soft)}.kind.added{color:var(--ok)}.kind.removed{color:var(--err)}.note{color:var(--muted);font-style:italic}
.hidden{display:none}
`;

// Filtering hides findings client-side; with scripts disabled everything stays visible.
const JS = `
(function(){
  var boxes=document.querySelectorAll('#filters input[type=checkbox]');var q=document.getElementById('q');
  function apply(){var on={};boxes.forEach(function(b){on[b.dataset.sev]=b.checked});var t=(q.value||'').toLowerCase();
    document.querySelectorAll('.finding').forEach(function(f){var show=on[f.dataset.severity]&&(!t||f.dataset.text.indexOf(t)>=0);f.classList.toggle('hidden',!show)});}
  boxes.forEach(function(b){b.addEventListener('change',apply)});q.addEventListener('input',apply);
})();
`;
