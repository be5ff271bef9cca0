// Object and field name syntax as the API server checks it (k8s.io/apimachinery/pkg/util/validation).

const LABEL_1123 = /^[a-z0-9](?:[-a-z0-9]*[a-z0-9])?$/;
const SUBDOMAIN_1123 = /^[a-z0-9](?:[-a-z0-9]*[a-z0-9])?(?:\.[a-z0-9](?:[-a-z0-9]*[a-z0-9])?)*$/;
const LABEL_1035 = /^[a-z](?:[-a-z0-9]*[a-z0-9])?$/;
const CONFIG_MAP_KEY = /^[-._a-zA-Z0-9]+$/;

export type NameRule = 'dns1123-label' | 'dns1123-subdomain' | 'dns1035-label' | 'path-segment';

export const LABEL_MAX = 63;
export const SUBDOMAIN_MAX = 253;

export function isDns1123Label(s: string): boolean {
  return s.length <= LABEL_MAX && LABEL_1123.test(s);
}

export function isDns1123Subdomain(s: string): boolean {
  return s.length <= SUBDOMAIN_MAX && SUBDOMAIN_1123.test(s);
}

export function isDns1035Label(s: string): boolean {
  return s.length <= LABEL_MAX && LABEL_1035.test(s);
}

/** RBAC and HPA names only have to be usable as one URL path segment. */
export function isPathSegmentName(s: string): boolean {
  return s !== '' && s !== '.' && s !== '..' && !s.includes('/') && !s.includes('%');
}

export function isConfigMapKey(s: string): boolean {
  return s.length <= SUBDOMAIN_MAX && CONFIG_MAP_KEY.test(s) && s !== '.' && s !== '..' && !s.startsWith('..');
}

const RULE_TEST: Record<NameRule, (s: string) => boolean> = {
  'dns1123-label': isDns1123Label,
  'dns1123-subdomain': isDns1123Subdomain,
  'dns1035-label': isDns1035Label,
  'path-segment': isPathSegmentName,
};

const RULE_WORDS: Record<NameRule, string> = {
  'dns1123-label': `a DNS-1123 label (lowercase letters, digits and '-', starting and ending with a letter or digit, at most ${LABEL_MAX} characters)`,
  'dns1123-subdomain': `a DNS-1123 subdomain (lowercase letters, digits, '-' and '.', each part starting and ending with a letter or digit, at most ${SUBDOMAIN_MAX} characters)`,
  'dns1035-label': `a DNS-1035 label (lowercase letters, digits and '-', starting with a letter and ending with a letter or digit, at most ${LABEL_MAX} characters)`,
  'path-segment': "usable as a URL path segment (not '.' or '..', no '/' or '%')",
};

export function nameProblem(rule: NameRule, name: string): string | undefined {
  return RULE_TEST[rule](name) ? undefined : `${JSON.stringify(name)} must be ${RULE_WORDS[rule]}`;
}

export function configMapKeyProblem(key: string): string | undefined {
  return isConfigMapKey(key)
    ? undefined
    : `key ${JSON.stringify(key)} must consist of letters, digits, '-', '_' or '.', not start with '..', at most ${SUBDOMAIN_MAX} characters`;
}

// Kinds whose names the API server checks with something other than a DNS-1123 subdomain, keyed `group/Kind`.
const KIND_RULES: Record<string, NameRule> = {
  '/Namespace': 'dns1123-label',
  '/Service': 'dns1035-label',
  'rbac.authorization.k8s.io/Role': 'path-segment',
  'rbac.authorization.k8s.io/ClusterRole': 'path-segment',
  'rbac.authorization.k8s.io/RoleBinding': 'path-segment',
  'rbac.authorization.k8s.io/ClusterRoleBinding': 'path-segment',
  'autoscaling/HorizontalPodAutoscaler': 'path-segment',
};

/** Extra length limits on top of the name rule: a CronJob's name gets an 11-character suffix per Job. */
const KIND_MAX: Record<string, number> = { 'batch/CronJob': 52 };

export function nameRuleFor(group: string, kind: string): { rule: NameRule; max?: number } {
  const key = `${group}/${kind}`;
  const max = KIND_MAX[key];
  return { rule: KIND_RULES[key] ?? 'dns1123-subdomain', ...(max !== undefined ? { max } : {}) };
}
