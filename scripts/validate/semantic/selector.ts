// A workload's selector must select its own pod template, or the controller could never own its pods.

import { problem } from '../../codes/index.js';
import { asSelector, isEmptySelector, strings, type LabelSelector } from '../../core/pods.js';
import { escapePointer, isObject, type Finding, type KObject, type Resource } from '../../core/resource.js';
import { finding, podView } from '../finding.js';

const APPS = new Set(['Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet']);

export function checkSelector(resource: Resource): Finding[] {
  const { group } = resource.id;
  const kind = resource.kind;
  const spec = resource.object['spec'];
  if (!isObject(spec)) return [];
  if (APPS.has(kind) && (group === 'apps' || group === 'extensions')) return labelSelector(resource, spec, '/spec');
  if (group === 'batch' && kind === 'Job') return jobSelector(resource, spec, '/spec');
  if (group === 'batch' && kind === 'CronJob') {
    const jobTemplate = spec['jobTemplate'];
    const jobSpec = isObject(jobTemplate) ? jobTemplate['spec'] : undefined;
    return isObject(jobSpec) ? jobSelector(resource, jobSpec, '/spec/jobTemplate/spec') : [];
  }
  if (group === '' && kind === 'ReplicationController') return mapSelector(resource, spec);
  return [];
}

function labelSelector(resource: Resource, spec: KObject, at: string): Finding[] {
  const selector = asSelector(spec['selector']);
  if (!selector) return [];
  if (isEmptySelector(selector)) {
    return [finding(resource, `${at}/selector`, problem('semantic/selector-empty', { kind: resource.kind }))];
  }
  const labels = templateLabels(resource);
  if (!labels) return [];
  const failed = firstUnmet(selector, labels);
  if (failed === undefined) return [];
  return [
    finding(
      resource,
      failed.pointer ? `${at}/selector/${failed.pointer}` : `${at}/selector`,
      problem('semantic/selector-mismatch', { reason: failed.reason }),
    ),
  ];
}

function jobSelector(resource: Resource, spec: KObject, at: string): Finding[] {
  if (spec['selector'] === undefined) return [];
  if (spec['manualSelector'] !== true) {
    return [finding(resource, `${at}/selector`, problem('semantic/selector-manual', {}))];
  }
  return labelSelector(resource, spec, at);
}

function mapSelector(resource: Resource, spec: KObject): Finding[] {
  const selector = strings(spec['selector']);
  const labels = templateLabels(resource);
  if (!labels) return [];
  for (const key of Object.keys(selector)) {
    if (labels[key] !== selector[key]) {
      return [
        finding(
          resource,
          `/spec/selector`,
          problem('semantic/selector-mismatch', { reason: unmetLabel(key, selector[key], labels), map: true }),
        ),
      ];
    }
  }
  return [];
}

function templateLabels(resource: Resource): Record<string, string> | undefined {
  return podView(resource)?.template.labels;
}

/** The first requirement the labels do not meet, with its pointer relative to the selector. */
function firstUnmet(
  selector: LabelSelector,
  labels: Record<string, string>,
): { pointer: string; reason: string } | undefined {
  for (const [k, v] of Object.entries(selector.matchLabels ?? {})) {
    if (labels[k] !== v) return { pointer: `matchLabels/${escapePointer(k)}`, reason: unmetLabel(k, v, labels) };
  }
  const expressions = selector.matchExpressions ?? [];
  for (let i = 0; i < expressions.length; i++) {
    const e = expressions[i];
    const has = Object.prototype.hasOwnProperty.call(labels, e.key);
    const values = e.values ?? [];
    const value = labels[e.key];
    let reason: string | undefined;
    if (e.operator === 'In' && (!has || !values.includes(value)))
      reason = `${e.key} ${has ? `is "${value}"` : 'is missing'}, expected one of ${values.join(', ')}`;
    else if (e.operator === 'NotIn' && has && values.includes(value))
      reason = `${e.key} is "${value}", excluded by NotIn`;
    else if (e.operator === 'Exists' && !has) reason = `${e.key} is missing, required by Exists`;
    else if (e.operator === 'DoesNotExist' && has) reason = `${e.key} is set, forbidden by DoesNotExist`;
    if (reason) return { pointer: `matchExpressions/${i}`, reason };
  }
  return undefined;
}

function unmetLabel(key: string, want: string, labels: Record<string, string>): string {
  const have = labels[key];
  return have === undefined
    ? `template has no label ${key} (selector wants "${want}")`
    : `template label ${key} is "${have}", selector wants "${want}"`;
}
