// Renders an overlay with the real engine and parses it with the project's own resource model.

import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Resource } from '../../scripts/core/resource.js';
import { buildResources } from '../../scripts/resources/build.js';
import { parseStream } from '../../scripts/resources/parse.js';

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

export const ENVIRONMENTS = ['staging', 'production'] as const;
export type EnvName = (typeof ENVIRONMENTS)[number];

export const NAMESPACE: Record<EnvName, string> = { staging: 'relay-staging', production: 'relay-production' };

/** `kubectl kustomize overlays/<env>` from the repository root, exactly as a person would run it. */
export function renderOverlay(env: EnvName): string {
  try {
    return execFileSync('kubectl', ['kustomize', `overlays/${env}`], {
      cwd: REPO_ROOT,
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  } catch (e) {
    const stderr = (e as { stderr?: string }).stderr ?? '';
    throw new Error(`kubectl kustomize overlays/${env} failed: ${stderr.trim() || String(e)}`, { cause: e });
  }
}

/** `kubectl kustomize <dir>` for any folder of this repository (base/, clusters/<env>). */
export function renderDir(dir: string): string {
  return execFileSync('kubectl', ['kustomize', dir], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

export function parseRender(text: string, env: EnvName): Resource[] {
  const parsed = parseStream(text, `<rendered:${env}>`);
  if (parsed.findings.length > 0) throw new Error(`render of ${env} is not valid YAML: ${parsed.findings[0]!.message}`);
  const built = buildResources(parsed.documents, env);
  if (built.findings.length > 0)
    throw new Error(`render of ${env} has a malformed object: ${built.findings[0]!.message}`);
  return built.resources;
}
