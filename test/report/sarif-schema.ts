// The SARIF 2.1.0 schema in this folder is the OASIS schema (sarif-2.1.0-rtm.5) as shipped in the npm
// package @microsoft/jest-sarif@1.0.0-beta.0 (lib/schemas/), MIT licence; sha256 2d99159a…a4de4f8.
// It is draft-04; ajv 8 reads it as draft-07 once the root `id` becomes `$id` (it uses no draft-04-only keyword),
// and its `language` pattern only compiles without the u flag.

import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';

const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;

export function sarifValidator(): (doc: unknown) => string[] {
  const schema = JSON.parse(
    readFileSync(new URL('./sarif-2.1.0-rtm.5.schema.json', import.meta.url), 'utf8'),
  ) as Record<string, unknown>;
  schema['$id'] = schema['id'];
  delete schema['id'];
  delete schema['$schema'];
  const ajv = new Ajv({ strict: false, allErrors: true, unicodeRegExp: false });
  addFormats(ajv);
  const validate = ajv.compile(schema);
  return (doc) => (validate(doc) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`));
}
