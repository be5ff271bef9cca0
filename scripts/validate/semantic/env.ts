// Environment variable names. Before 1.32 the API server accepts `[-._a-zA-Z][-._a-zA-Z0-9]*`; from 1.32
// (RelaxedEnvironmentVariableValidation on by default) any printable ASCII except '=' passes, and the
// stricter form is still what shells and older clusters understand.

import { problem } from '../../codes/index.js';
import { isObject, type Finding, type Resource } from '../../core/resource.js';
import { compareMinor, finding, podView, type CheckContext } from '../finding.js';

const STRICT = /^[-._a-zA-Z][-._a-zA-Z0-9]*$/;
const RELAXED = /^[\x20-\x3c\x3e-\x7e]+$/;
const RELAXED_SINCE = '1.32';

export function checkEnvNames(resource: Resource, ctx: CheckContext): Finding[] {
  const view = podView(resource);
  if (!view) return [];
  const relaxed = compareMinor(ctx.kubernetesVersion, RELAXED_SINCE) >= 0;
  const out: Finding[] = [];
  for (const c of view.containers) {
    const env = c.container['env'];
    if (Array.isArray(env)) {
      env.forEach((e, i) => {
        if (isObject(e) && typeof e['name'] === 'string')
          check(e['name'], `${c.pointer}/env/${i}/name`, `environment variable name`);
      });
    }
    const envFrom = c.container['envFrom'];
    if (Array.isArray(envFrom)) {
      envFrom.forEach((e, i) => {
        if (isObject(e) && typeof e['prefix'] === 'string' && e['prefix'] !== '')
          check(e['prefix'], `${c.pointer}/envFrom/${i}/prefix`, 'envFrom prefix');
      });
    }
  }
  return out;

  function check(name: string, pointer: string, what: string): void {
    if (STRICT.test(name)) return;
    if (relaxed && RELAXED.test(name)) {
      out.push(
        finding(resource, pointer, problem('semantic/env-name', { what, name, since: RELAXED_SINCE }, 'warning')),
      );
      return;
    }
    const rule = relaxed
      ? "printable ASCII characters other than '='"
      : "letters, digits, '_', '-' and '.', not starting with a digit";
    out.push(finding(resource, pointer, problem('semantic/env-name', { what, name, rule })));
  }
}
