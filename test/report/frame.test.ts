import { describe, expect, it } from 'vitest';
import { codeFrame } from '../../scripts/report/frame.js';

let n = 0;
/** Each text under a file name of its own: frames cache a file's lines by name. */
const frame = (text: string, line: number): string => {
  const file = `f${n++}.yaml`;
  return codeFrame({ root: '/nonexistent', virtualFiles: new Map([[file, text]]) }, file, line, 1, 2).join('\n');
};

describe('code frames never show a credential written as an env value', () => {
  it('block style, name before or after value', () => {
    const text = [
      'env:',
      '  - name: DB_PASSWORD',
      '    value: canary-pw-1',
      '  - value: "canary-pw-2"',
      '    name: github_token',
      '  - name: LOG_LEVEL',
      '    value: debug',
    ].join('\n');
    const shown = frame(text, 3) + frame(text, 5) + frame(text, 6);
    expect(shown).not.toMatch(/canary-pw/);
    expect(shown).toContain('value: <hidden>');
    expect(shown).toContain('value: debug');
  });

  it('flow style on one line; names that only mention a credential are shown', () => {
    const text = 'env: [{ name: API_KEY, value: canary-key }, { name: TOKEN_URL, value: https://auth }]\n';
    const one = 'env: [{ name: API_KEY, value: canary-key }]\nenv2: [{ name: TOKEN_URL, value: https://auth }]\n';
    expect(frame(text, 1)).not.toContain('canary-key');
    expect(frame(one, 2)).toContain('https://auth');
  });
});
