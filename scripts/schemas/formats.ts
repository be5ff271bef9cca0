// String formats the converted schemas keep, with the checks ajv runs for them. Numeric formats (int32,
// int64, double, float) are dropped by the converter because `type` already says integer or number; any
// format not listed here is dropped too, as the API server ignores formats it does not know.

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const DATE = /^\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])$/;
const DATE_TIME = /^\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])[Tt ](?:[01]\d|2[0-3]):[0-5]\d:(?:[0-5]\d|60)(?:\.\d+)?(?:[Zz]|[+-](?:[01]\d|2[0-3]):[0-5]\d)$/;
const UUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
const IPV4 = /^(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/;

export const FORMATS: Record<string, { describe: string; test: (s: string) => boolean }> = {
  byte: { describe: 'base64 data', test: (s) => BASE64.test(s.replace(/\s+/g, '')) },
  date: { describe: 'an RFC 3339 date (YYYY-MM-DD)', test: (s) => DATE.test(s) },
  'date-time': { describe: 'an RFC 3339 date-time', test: (s) => DATE_TIME.test(s) },
  uuid: { describe: 'a UUID', test: (s) => UUID.test(s) },
  ipv4: { describe: 'an IPv4 address', test: (s) => IPV4.test(s) },
};

export const KEPT_FORMATS = new Set(Object.keys(FORMATS));
