// Exemption annotations, on the resource or its pod template:
//   kcfg.dev/exempt.<policy-id>: "<reason>"                                 the whole resource
//   kcfg.dev/exempt.<policy-id>: "containers=<name>,<name>; reason=<reason>"  only findings about those containers

import { problem, type Problem } from '../codes/index.js';
import { containersOf, podTemplate } from '../core/pods.js';
import { closest } from '../core/suggest.js';
import { escapePointer, isObject, type KObject, type Resource } from '../core/resource.js';

export const EXEMPT_PREFIX = 'kcfg.dev/exempt.';

export interface Exemption {
  policy: string;
  reason: string;
  /** Undefined: every finding of the policy on this resource. */
  containers?: ReadonlySet<string>;
  pointer: string;
}

export interface ExemptionProblem {
  pointer: string;
  problem: Problem;
}

export interface ResourceExemptions {
  byPolicy: Map<string, Exemption[]>;
  problems: ExemptionProblem[];
}

const NONE: ResourceExemptions = { byPolicy: new Map(), problems: [] };

export type ParsedValue = { reason: string; containers?: string[] } | { error: string };

/** Parse one annotation value. */
export function parseExemptionValue(value: string): ParsedValue {
  const text = value.trim();
  const scoped = /^containers\s*=([^;]*)(?:;(.*))?$/s.exec(text);
  if (scoped) {
    const containers = scoped[1]
      .split(',')
      .map((s) => s.trim())
      .filter((s) => s !== '');
    if (containers.length === 0) return { error: 'names no containers after "containers="' };
    const rest = /^\s*reason\s*=(.*)$/s.exec(scoped[2] ?? '');
    if (!rest) return { error: 'has "containers=" but no "; reason=<why>"' };
    const reason = rest[1].trim();
    return reason ? { reason, containers } : { error: 'has an empty reason' };
  }
  const reason = text.replace(/^reason\s*=/, '').trim();
  return reason ? { reason } : { error: 'has no reason' };
}

/** Annotation maps that can carry exemptions, with their pointers. */
function annotationSources(resource: Resource): { annotations: KObject; pointer: string }[] {
  const out: { annotations: KObject; pointer: string }[] = [];
  const meta = resource.object['metadata'];
  if (isObject(meta) && isObject(meta['annotations']))
    out.push({ annotations: meta['annotations'], pointer: '/metadata/annotations' });
  return out;
}

function hasExemptKey(annotations: KObject): boolean {
  for (const k in annotations) if (k.startsWith(EXEMPT_PREFIX)) return true;
  return false;
}

/**
 * Exemptions declared on a resource and its pod template. Problems (no reason, unknown policy, unknown
 * container) are returned for the engine to report as `policy/invalid-exemption`.
 */
export function exemptionsOf(resource: Resource, knownPolicies: ReadonlySet<string>): ResourceExemptions {
  const sources = annotationSources(resource);
  const template = podTemplate(resource);
  if (template && template.metadataPointer !== '/metadata') {
    const ann = template.annotations;
    if (Object.keys(ann).length) sources.push({ annotations: ann, pointer: `${template.metadataPointer}/annotations` });
  }
  if (!sources.some((s) => hasExemptKey(s.annotations))) return NONE;
  const result: ResourceExemptions = { byPolicy: new Map(), problems: [] };
  const containerNames = template ? new Set(containersOf(template).map((c) => c.name)) : undefined;
  for (const { annotations, pointer: base } of sources) {
    for (const [key, raw] of Object.entries(annotations)) {
      if (!key.startsWith(EXEMPT_PREFIX)) continue;
      const pointer = `${base}/${escapePointer(key)}`;
      const policy = key.slice(EXEMPT_PREFIX.length);
      const invalid = (message: string, hint: string): void => {
        result.problems.push({
          pointer,
          problem: problem('policy/invalid-exemption', { annotation: key, problem: message, advice: hint }),
        });
      };
      if (!knownPolicies.has(policy)) {
        const near = closest(policy, knownPolicies);
        invalid(
          `names unknown policy "${policy}"`,
          near ? `did you mean kcfg.dev/exempt.${near}?` : 'run `kcfg policies` for the list of policy ids',
        );
        continue;
      }
      const parsed = parseExemptionValue(typeof raw === 'string' ? raw : '');
      if ('error' in parsed) {
        invalid(parsed.error, 'write "<reason>" or "containers=<a>,<b>; reason=<reason>"');
        continue;
      }
      if (parsed.containers) {
        if (!containerNames) {
          invalid(
            'names containers, but the resource has no pod template',
            'drop "containers=…" to exempt the whole resource',
          );
          continue;
        }
        const unknown = parsed.containers.filter((c) => !containerNames.has(c));
        if (unknown.length) {
          invalid(
            `names container${unknown.length > 1 ? 's' : ''} ${unknown.map((c) => `"${c}"`).join(', ')} that the pod does not have`,
            `containers are: ${[...containerNames].join(', ')}`,
          );
          continue;
        }
      }
      const exemption: Exemption = {
        policy,
        reason: parsed.reason,
        pointer,
        ...(parsed.containers ? { containers: new Set(parsed.containers) } : {}),
      };
      const list = result.byPolicy.get(policy);
      if (list) list.push(exemption);
      else result.byPolicy.set(policy, [exemption]);
    }
  }
  return result;
}

/** The exemption that covers a finding, if any: a whole-resource one, or one listing the finding's container. */
export function coveringExemption(
  exemptions: ResourceExemptions,
  policy: string,
  container: string | undefined,
): Exemption | undefined {
  const list = exemptions.byPolicy.get(policy);
  if (!list) return undefined;
  return (
    list.find((e) => !e.containers) ??
    (container !== undefined ? list.find((e) => e.containers!.has(container)) : undefined)
  );
}
