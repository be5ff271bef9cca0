// Pull-request comment. GitHub refuses comments over 65,536 characters; we stay under a smaller budget and
// degrade in steps (full detail → one line per resource → counts per section), saying what was cut.

import type { DiffSection, ResourceDiff } from '../diff/types.js';
import { countLine, describeChange, resourceTitle, sectionSummary } from '../diff/describe.js';
import { MARKDOWN_BUDGET } from './markdown.js';

export interface MarkdownOptions {
  /** Heading of the comment. */
  title?: string;
  /** Character budget; defaults to 60,000 to leave room under GitHub's limit. */
  budget?: number;
  /** Command a reader can run for the full diff, mentioned when detail is cut. */
  fullCommand?: string;
}

type Level = 'full' | 'summary' | 'counts';

const MARK = { added: '➕', removed: '➖', modified: '✏️' } as const;

export function formatMarkdown(sections: readonly DiffSection[], opts: MarkdownOptions = {}): string {
  const budget = opts.budget ?? MARKDOWN_BUDGET;
  for (const level of ['full', 'summary', 'counts'] as const) {
    const text = render(sections, level, opts);
    if (text.length <= budget) return text;
  }
  return hardCut(render(sections, 'counts', opts), budget);
}

function render(sections: readonly DiffSection[], level: Level, opts: MarkdownOptions): string {
  const out: string[] = [`### ${opts.title ?? 'kcfg diff'}`, ''];
  if (level !== 'full') {
    const what =
      level === 'summary'
        ? 'field-level detail was cut; each resource is summarised in one line'
        : 'resource lists were cut; only counts are shown';
    const run = opts.fullCommand ? ` Run \`${opts.fullCommand}\` for the full diff.` : '';
    out.push(`> **Note:** this diff is too large for one comment: ${what}.${run}`, '');
  }
  out.push('| Section | Result |', '| --- | --- |');
  for (const s of sections) out.push(`| ${cell(s.title)} | ${cell(sectionSummary(s))} |`);
  out.push('');
  if (level === 'counts') return out.join('\n');
  for (const s of sections) {
    if (!s.diff || s.diff.resources.length === 0) continue;
    out.push(`#### ${escapeMd(s.title)}`, '', countLine(s.diff), '');
    for (const r of s.diff.resources)
      out.push(
        ...(level === 'full'
          ? fullResource(r, presence(r, s.diff.a, s.diff.b))
          : [summaryLine(r, presence(r, s.diff.a, s.diff.b))]),
      );
    out.push('');
  }
  return out.join('\n');
}

/** `only in production` for an added resource, `only in staging` for a removed one. */
function presence(r: ResourceDiff, a: string, b: string): string {
  return r.kind === 'added' ? `only in ${b}` : r.kind === 'removed' ? `only in ${a}` : 'modified';
}

function fullResource(r: ResourceDiff, what: string): string[] {
  const head = `${MARK[r.kind]} **${escapeMd(resourceTitle(r))}** ${escapeMd(what)}`;
  if (r.changes.length === 0 && r.notes.length === 0) return [`- ${head}`];
  const lines = [
    '',
    `<details><summary>${MARK[r.kind]} <b>${escapeHtml(resourceTitle(r))}</b> ${r.kind} (${r.changes.length} ${r.changes.length === 1 ? 'change' : 'changes'})</summary>`,
    '',
    '```diff',
  ];
  for (const c of r.changes) {
    const sign = c.op === 'add' ? '+' : c.op === 'remove' ? '-' : '!';
    lines.push(`${sign} ${fence(describeChange(c, 300))}`);
  }
  lines.push('```');
  for (const n of r.notes) lines.push('', `> ${escapeMd(n)}`);
  lines.push('', '</details>', '');
  return lines;
}

function summaryLine(r: ResourceDiff, what: string): string {
  if (r.kind !== 'modified') return `- ${MARK[r.kind]} ${escapeMd(resourceTitle(r))} ${escapeMd(what)}`;
  const first = r.changes.slice(0, 3).map((c) => `\`${fence(c.label).replace(/`/g, "'")}\``);
  const more = r.changes.length > 3 ? ` and ${r.changes.length - 3} more` : '';
  return `- ${MARK.modified} ${escapeMd(resourceTitle(r))}: ${r.changes.length} changed ${r.changes.length === 1 ? 'path' : 'paths'} (${first.join(', ')}${more})`;
}

function hardCut(text: string, budget: number): string {
  const note = '\n\n> **Note:** the section table was cut to fit the comment limit.\n';
  const cut = text.lastIndexOf('\n', budget - note.length);
  return text.slice(0, Math.max(0, cut)) + note;
}

function cell(s: string): string {
  return escapeMd(s).replace(/\|/g, '\\|');
}

function escapeMd(s: string): string {
  return s.replace(/([\\`*_<>[\]])/g, '\\$1');
}

function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Keep a value from closing the code fence. */
function fence(s: string): string {
  return s.replace(/```/g, '`\u200b``');
}
