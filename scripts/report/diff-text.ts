// Terminal diff: one block per resource, one line per changed path, coloured when asked.

import { COLOR, PLAIN } from './style.js';
import type { DiffSection } from '../diff/types.js';
import { describeChange, resourceTitle, sectionSummary } from '../diff/describe.js';

export interface TextOptions {
  color: boolean;
}

const MARK = { added: '+', removed: '-', modified: '~' } as const;

export function formatText(sections: readonly DiffSection[], opts: TextOptions): string {
  const st = opts.color ? COLOR : PLAIN;
  const out: string[] = [];
  for (const s of sections) {
    out.push(st.bold(`${s.title}: ${sectionSummary(s)}`));
    for (const r of s.diff?.resources ?? []) {
      const paint = r.kind === 'added' ? st.green : r.kind === 'removed' ? st.red : st.yellow;
      const where =
        r.kind === 'added' ? ` (only in ${s.diff!.b})` : r.kind === 'removed' ? ` (only in ${s.diff!.a})` : '';
      out.push(paint(`${MARK[r.kind]} ${resourceTitle(r)}${where}`));
      for (const c of r.changes) {
        const line = describeChange(c);
        out.push(
          c.op === 'add' ? st.green(`    + ${line}`) : c.op === 'remove' ? st.red(`    - ${line}`) : `    ~ ${line}`,
        );
      }
      for (const n of r.notes) out.push(st.dim(`    note: ${n}`));
    }
    out.push('');
  }
  return out.join('\n');
}
