// Port numbers and IANA service names (named container ports, string targetPorts, probe ports).

const IANA_CHARS = /^[-a-z0-9]+$/;
const HAS_LETTER = /[a-z]/;
export const IANA_SVC_NAME_MAX = 15;

export function isPortNumber(n: unknown): boolean {
  return typeof n === 'number' && Number.isInteger(n) && n >= 1 && n <= 65535;
}

export function portNumberProblem(n: unknown): string | undefined {
  return isPortNumber(n) ? undefined : `port ${JSON.stringify(n)} must be between 1 and 65535`;
}

export function ianaSvcNameProblem(name: string): string | undefined {
  if (name.length > IANA_SVC_NAME_MAX)
    return `port name ${JSON.stringify(name)} is ${name.length} characters, at most ${IANA_SVC_NAME_MAX} allowed`;
  if (!IANA_CHARS.test(name))
    return `port name ${JSON.stringify(name)} may contain only lowercase letters, digits and '-'`;
  if (!HAS_LETTER.test(name)) return `port name ${JSON.stringify(name)} must contain at least one letter`;
  if (name.includes('--')) return `port name ${JSON.stringify(name)} must not contain '--'`;
  if (name.startsWith('-') || name.endsWith('-'))
    return `port name ${JSON.stringify(name)} must not start or end with '-'`;
  return undefined;
}

/** A port given as number or IANA name (Service targetPort, probe port). */
export function intOrNamedPortProblem(value: unknown): string | undefined {
  // A quoted number is a string to the API server, and so must be a name: "8080" is rejected.
  if (typeof value === 'string') return ianaSvcNameProblem(value);
  return portNumberProblem(value);
}
