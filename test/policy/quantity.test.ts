import { describe, expect, it } from 'vitest';
import { compareQuantities, parseQuantity } from '../../scripts/policy/quantity.js';

function cmp(a: string, b: string): number {
  const qa = parseQuantity(a);
  const qb = parseQuantity(b);
  if (!qa || !qb) throw new Error(`unparsable ${a} or ${b}`);
  return Math.sign(compareQuantities(qa, qb));
}

describe('parseQuantity', () => {
  it.each([
    ['100m', '0.1', 0],
    ['1', '1000m', 0],
    ['1Gi', '1G', 1],
    ['1Gi', '1073741824', 0],
    ['1.5Gi', '1536Mi', 0],
    ['500Mi', '0.5Gi', -1],
    ['1e3', '1k', 0],
    ['1E-3', '1m', 0],
    ['.5', '500m', 0],
    ['2', '1999m', 1],
    ['128974848', '129e6', -1],
    ['123Mi', '129M', -1],
  ])('%s vs %s', (a, b, expected) => {
    expect(cmp(a, b)).toBe(expected);
  });

  it('accepts numbers as YAML gives them', () => {
    expect(parseQuantity(2)).toMatchObject({ num: 2n, den: 1n });
  });

  it.each(['', 'abc', '1Gb', '1 Gi', '1.2.3', 'Mi', '1ki'])('rejects %j', (text) => {
    expect(parseQuantity(text)).toBeUndefined();
  });
});
