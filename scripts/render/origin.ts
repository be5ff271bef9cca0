// `config.kubernetes.io/origin` annotations → repository-relative origins.

import { resolve } from 'node:path';
import jsYaml from 'js-yaml';
import type { Origin } from '../core/resource.js';
import { isObject } from '../core/resource.js';
import { repoRelative } from '../workspace/paths.js';

/**
 * Kustomize writes `path: <file>` for a resource read from a file and `configuredIn: <kustomization>` plus
 * `configuredBy: {kind: ConfigMapGenerator, ...}` for a generated one, relative to the kustomization that was
 * built (our wrapper). Remote origins (`repo:`) and unreadable annotations yield no origin.
 */
export function resolveOrigin(annotation: string | undefined, wrapperDir: string, root: string): Origin | undefined {
  if (!annotation) return undefined;
  let value: unknown;
  try {
    value = jsYaml.load(annotation, { schema: jsYaml.CORE_SCHEMA });
  } catch {
    return undefined;
  }
  if (!isObject(value) || typeof value['repo'] === 'string') return undefined;
  const path = value['path'];
  if (typeof path === 'string') return { type: 'file', file: repoRelative(root, resolve(wrapperDir, path)) };
  const configuredIn = value['configuredIn'];
  const by = value['configuredBy'];
  if (typeof configuredIn === 'string' && isObject(by) && typeof by['kind'] === 'string') {
    const name = by['name'];
    return {
      type: 'generator',
      kustomization: repoRelative(root, resolve(wrapperDir, configuredIn)),
      generator: by['kind'],
      ...(typeof name === 'string' && name ? { ref: name } : {}),
    };
  }
  return undefined;
}
