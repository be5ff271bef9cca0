// Kubernetes resource quantity grammar (k8s.io/apimachinery/pkg/api/resource): a signed decimal number,
// then a binary SI suffix (Ki..Ei), a decimal SI suffix (n u m k M G T P E) or an exponent (e3, E-2).

const QUANTITY = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:Ki|Mi|Gi|Ti|Pi|Ei|[numkMGTPE]|[eE][+-]?\d+)?$/;

/** True when `value` is a quantity the API server accepts. YAML numbers are quantities as written. */
export function isQuantity(value: unknown): boolean {
  if (typeof value === 'number') return Number.isFinite(value);
  return typeof value === 'string' && QUANTITY.test(value);
}

/** True for a valid quantity that is negative; resource requests, limits and capacities must not be. */
export function isNegativeQuantity(value: unknown): boolean {
  if (typeof value === 'number') return value < 0;
  return typeof value === 'string' && value.startsWith('-') && /[1-9]/.test(value.replace(/[eE][+-]?\d+$/, ''));
}

/** Why a quantity is wrong, in words a person can act on; undefined when it is fine. */
export function quantityProblem(value: unknown): string | undefined {
  if (!isQuantity(value)) {
    const hint = typeof value === 'string' ? suffixHint(value) : '';
    return `${JSON.stringify(value)} is not a resource quantity${hint}`;
  }
  return undefined;
}

const SUFFIX_FIXES: Record<string, string> = {
  Gb: 'G or Gi',
  GB: 'G or Gi',
  Mb: 'M or Mi',
  MB: 'M or Mi',
  Kb: 'k or Ki',
  KB: 'k or Ki',
  K: 'k or Ki',
  mi: 'Mi',
  gi: 'Gi',
  ki: 'Ki',
  g: 'G or Gi',
};

function suffixHint(value: string): string {
  const m = /^[+-]?[\d.]+([A-Za-z]+)$/.exec(value);
  const fix = m ? SUFFIX_FIXES[m[1]] : undefined;
  return fix ? ` (use ${fix} instead of ${m![1]})` : ' (e.g. 500m, 0.5, 128Mi, 1G, 1e3)';
}
