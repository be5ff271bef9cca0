import { describe, expect, it } from 'vitest';
import { aliasBomb, parseStream } from '../../scripts/resources/parse.js';

const bomb = [
  'a: &a [x, x, x, x, x, x, x, x, x]',
  ...Array.from({ length: 8 }, (_, i) => {
    const p = String.fromCharCode(97 + i);
    const n = String.fromCharCode(98 + i);
    return `${n}: &${n} [*${p}, *${p}, *${p}, *${p}, *${p}, *${p}, *${p}, *${p}, *${p}]`;
  }),
].join('\n');

describe('parseStream', () => {
  it('reads text that only looks like an alias (a quoted cron, a URL query) as plain YAML', () => {
    const text = 'kind: CronJob\nspec:\n  schedule: "30 2 * * *"\n  url: http://x/?a=1&b=2\n';
    const r = parseStream(text, 'cron.yaml');
    expect(r.findings).toEqual([]);
    expect(r.documents[0]!.value).toEqual({
      kind: 'CronJob',
      spec: { schedule: '30 2 * * *', url: 'http://x/?a=1&b=2' },
    });
  });

  it('expands real aliases within the limit', () => {
    const r = parseStream('base: &b {cpu: 1}\nuse: *b\n---\nother: 2\n', 'a.yaml');
    expect(r.findings).toEqual([]);
    expect(r.documents.map((d) => d.value)).toEqual([{ base: { cpu: 1 }, use: { cpu: 1 } }, { other: 2 }]);
  });

  it('refuses an alias bomb with a finding at its document, and aliasBomb names it', () => {
    const r = parseStream(`first: 1\n---\n${bomb}\n`, 'bomb.yaml');
    expect(r.documents.map((d) => d.value)).toEqual([{ first: 1 }]);
    expect(r.findings).toEqual([expect.objectContaining({ code: 'yaml/alias-bomb' })]);
    expect(aliasBomb(bomb, 'bomb.yaml')).toMatchObject({ code: 'yaml/alias-bomb' });
    expect(aliasBomb('schedule: "30 2 * * *"\n', 'cron.yaml')).toBeUndefined();
  });
});
