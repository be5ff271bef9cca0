import { describe, expect, it } from 'vitest';
import { createProgress, SILENT } from '../../scripts/workflow/progress.js';

function sink(isTTY: boolean): { isTTY: boolean; text: string; write(s: string): boolean } {
  return {
    isTTY,
    text: '',
    write(s: string) {
      this.text += s;
      return true;
    },
  };
}

describe('progress', () => {
  it('redraws one line on a terminal for many environments and clears it at the end', () => {
    const s = sink(true);
    const p = createProgress({ stream: s, env: {}, verbose: false, quiet: false, environments: 200 });
    p.update(40, 200, 'checked');
    p.done();
    expect(s.text).toBe('\r\u001b[2Kkcfg: 40/200 environments checked\r\u001b[2K');
  });

  it('is silent in CI, in pipes, for a few environments and under --quiet', () => {
    expect(
      createProgress({ stream: sink(true), env: { CI: 'true' }, verbose: false, quiet: false, environments: 200 }),
    ).toBe(SILENT);
    expect(createProgress({ stream: sink(false), env: {}, verbose: false, quiet: false, environments: 200 })).toBe(
      SILENT,
    );
    expect(createProgress({ stream: sink(true), env: {}, verbose: false, quiet: false, environments: 2 })).toBe(SILENT);
    expect(createProgress({ stream: sink(true), env: {}, verbose: true, quiet: true, environments: 200 })).toBe(SILENT);
  });

  it('prints plain lines under --verbose when it cannot redraw', () => {
    const s = sink(false);
    const p = createProgress({ stream: s, env: { CI: '1' }, verbose: true, quiet: false, environments: 200 });
    p.update(0, 200, 'rendering');
    p.done();
    expect(s.text).toBe('kcfg: 0/200 environments rendering\n');
  });
});
