// js-yaml loads several times faster than the `yaml` package, so files that passed a thorough check before
// (see stamp.ts) are read with it alone. Same YAML 1.2 core schema as the thorough path; undefined on any error,
// so an empty document is `{ value: undefined }`.

import jsYaml from 'js-yaml';

export function parseFast(text: string): { value: unknown } | undefined {
  try {
    return { value: jsYaml.load(text, { schema: jsYaml.CORE_SCHEMA }) };
  } catch {
    return undefined;
  }
}
