// Recognising a Secret in raw text, before (or without) parsing: code frames and the lines kept for them
// must never show one.

/** `kind: Secret` however written: block or flow style, JSON, quoted, tagged, as a list item, indented. */
const SECRET_KIND = /(^|[\s{,[-])["']?kind["']?\s*:\s*(!!?[\w/:.-]+\s+)?["']?Secret["']?(?![\w-])/m;

/** Whether `text` (a line or a whole document) declares a Secret anywhere in it. */
export function declaresSecret(text: string): boolean {
  return SECRET_KIND.test(text);
}

/** Environment variable names that mark a credential (matched anywhere, case-insensitive). */
export const CREDENTIAL_NAMES = [
  'PASSWORD',
  'PASSWD',
  'PASSPHRASE',
  'SECRET',
  'TOKEN',
  'API_?KEY',
  'ACCESS_?KEY',
  'PRIVATE_?KEY',
  'CREDENTIALS?',
  '(^|_)KEYS?(_|$)',
] as const;

/** Names that only mention a credential: a file holding one, where to fetch one, an identifier. */
export const NOT_CREDENTIAL_NAMES = [
  '.*_(FILE|PATH|DIR|URL|URI|ENDPOINT|NAME|REF|KEY_ID|ID)',
  '.*_(TTL|TIMEOUT|EXPIRY|LENGTH|HEADER)',
  '.*_KEYS?_(PREFIX|SUFFIX|FIELD|COLUMN|TYPE|SIZE|ALGORITHM)',
] as const;

/** A PEM private key, whatever the variable holding it is called. */
export const PRIVATE_KEY_BLOCK = /-----BEGIN [A-Z ]*PRIVATE KEY-----/;

const CREDENTIAL = new RegExp(CREDENTIAL_NAMES.join('|'), 'i');
const NOT_CREDENTIAL = new RegExp(`^(?:${NOT_CREDENTIAL_NAMES.join('|')})$`, 'i');

export function isCredentialName(name: string): boolean {
  return CREDENTIAL.test(name) && !NOT_CREDENTIAL.test(name);
}

const ENV_NAME = /(?:^|[\s{,-])["']?name["']?\s*:\s*["']?([A-Za-z_][\w.-]*)/;
const ENV_VALUE = /((?:^|[\s{,-])["']?value["']?\s*:\s*)(?:"(?:[^"\\]|\\.)*"|'[^']*'|[^,}\n]*)/;

/**
 * A line with an env `value:` of a credential-named variable (the `name:` on the same line, or on the line
 * before or after in block style), with the value replaced by `<hidden>`; other lines unchanged.
 */
export function maskCredentialValue(line: string, before: string | undefined, after: string | undefined): string {
  if (!ENV_VALUE.test(line)) return line;
  // A line naming its own variable is judged by that name; otherwise by its neighbours' (over-hiding is harmless).
  const own = ENV_NAME.exec(line);
  const named = own
    ? isCredentialName(own[1])
    : [before, after].some((l) => {
        const m = l === undefined ? null : ENV_NAME.exec(l);
        return m !== null && isCredentialName(m[1]);
      });
  return named ? line.replace(ENV_VALUE, '$1<hidden>') : line;
}
