// The `yaml` package (CST, precise positions) costs ~25 ms to load, and a clean run never needs it: files are
// read with js-yaml, and positions are wanted only to explain a finding. Modules take `yaml` from here, on
// first use, instead of importing it.

import { createRequire } from 'node:module';
import type { Pair, Scalar, YAMLMap, YAMLSeq } from 'yaml';

const require = createRequire(import.meta.url);
let lib: typeof import('yaml') | undefined;

export function yamlModule(): typeof import('yaml') {
  return (lib ??= require('yaml') as typeof import('yaml'));
}

export function isMap(node: unknown): node is YAMLMap {
  return yamlModule().isMap(node);
}

export function isSeq(node: unknown): node is YAMLSeq {
  return yamlModule().isSeq(node);
}

export function isScalar(node: unknown): node is Scalar {
  return yamlModule().isScalar(node);
}

export function isPair(node: unknown): node is Pair {
  return yamlModule().isPair(node);
}
