// Kubernetes resource quantities as exact rationals, so "100m" equals "0.1" and "1Gi" exceeds "1G".

export interface Quantity {
  /** value = num / den, den > 0 */
  num: bigint;
  den: bigint;
  text: string;
}

const BINARY: Record<string, bigint> = {
  Ki: 1n << 10n,
  Mi: 1n << 20n,
  Gi: 1n << 30n,
  Ti: 1n << 40n,
  Pi: 1n << 50n,
  Ei: 1n << 60n,
};
const DECIMAL: Record<string, number> = { n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };

const QUANTITY = /^([+-]?)(\d+(?:\.\d*)?|\.\d+)(?:(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E)|[eE]([+-]?\d+))?$/;

export function parseQuantity(input: string | number): Quantity | undefined {
  const text = String(input).trim();
  const m = QUANTITY.exec(text);
  if (!m) return undefined;
  const [, sign, digits, suffix, exponent] = m as unknown as [
    string,
    string,
    string,
    string | undefined,
    string | undefined,
  ];
  const dot = digits.indexOf('.');
  const whole = dot < 0 ? digits : digits.slice(0, dot) + digits.slice(dot + 1);
  const fraction = dot < 0 ? 0 : digits.length - dot - 1;
  let num = BigInt(whole === '' ? '0' : whole);
  let den = 10n ** BigInt(fraction);
  if (suffix && BINARY[suffix] !== undefined) {
    num *= BINARY[suffix];
  } else {
    const exp = exponent !== undefined ? Number(exponent) : DECIMAL[suffix ?? ''];
    if (Math.abs(exp) > 1000) return undefined;
    if (exp >= 0) num *= 10n ** BigInt(exp);
    else den *= 10n ** BigInt(-exp);
  }
  if (sign === '-') num = -num;
  return { num, den, text };
}

/** Negative, zero or positive as a is below, equal to or above b. */
export function compareQuantities(a: Quantity, b: Quantity): number {
  const l = a.num * b.den;
  const r = b.num * a.den;
  return l < r ? -1 : l > r ? 1 : 0;
}
