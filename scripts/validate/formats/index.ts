// Field formats JSON Schema cannot express, checked in one pass over a resource: names per kind, labels and
// annotations, ports, quantities, CronJob schedules and ConfigMap/Secret keys.

import type { ContainerRef, PodTemplate } from '../../core/pods.js';
import { field } from '../../core/manifest.js';
import {
  escapePointer,
  isObject,
  type Finding,
  type JsonValue,
  type KObject,
  type Resource,
} from '../../core/resource.js';
import { problem } from '../../codes/index.js';
import { finding, podView } from '../finding.js';
import { cronScheduleProblem } from './cron.js';
import { annotationsSize, ANNOTATIONS_MAX_BYTES, labelValueProblem, qualifiedKeyProblem } from './labels.js';
import { configMapKeyProblem, nameProblem, nameRuleFor } from './names.js';
import { ianaSvcNameProblem, intOrNamedPortProblem, isPortNumber } from './ports.js';
import { isNegativeQuantity, quantityProblem } from './quantity.js';

export { cronScheduleProblem } from './cron.js';
export { labelValueProblem, qualifiedKeyProblem } from './labels.js';
export { configMapKeyProblem, isDns1035Label, isDns1123Label, isDns1123Subdomain, nameRuleFor } from './names.js';
export { ianaSvcNameProblem } from './ports.js';
export { isQuantity } from './quantity.js';

type Out = Finding[];

export function checkFormats(resource: Resource): Finding[] {
  const out: Out = [];
  const obj = resource.object;
  const meta = obj['metadata'] as KObject;
  checkMetadata(resource, meta, '/metadata', out, true);
  const group = resource.id.group;
  const kind = resource.kind;
  const spec = obj['spec'];

  const view = podView(resource);
  if (view) checkPodTemplate(resource, view.template, view.containers, out);
  if (isObject(spec)) {
    if (isObject(spec['selector']) && kind !== 'Service')
      checkLabelSelector(resource, spec['selector'], '/spec/selector', out);
    if (group === '' && kind === 'Service') checkService(resource, spec, out);
    else if (group === 'batch' && kind === 'CronJob') checkSchedule(resource, spec, out);
    else if (group === '' && kind === 'ResourceQuota')
      checkQuantityMap(resource, spec['hard'], '/spec/hard', out, true);
    else if (group === '' && kind === 'LimitRange') checkLimitRange(resource, spec, out);
    else if (group === '' && kind === 'PersistentVolumeClaim')
      checkResourceRequirements(resource, spec['resources'], '/spec/resources', out);
    else if (group === '' && kind === 'PersistentVolume')
      checkQuantityMap(resource, spec['capacity'], '/spec/capacity', out, true);
    else if (group === 'apps' && kind === 'StatefulSet') checkClaimTemplates(resource, spec, out);
  }
  if (group === '' && (kind === 'ConfigMap' || kind === 'Secret')) checkDataKeys(resource, obj, out);
  return out;
}

function checkMetadata(resource: Resource, meta: KObject, pointer: string, out: Out, own: boolean): void {
  if (own) {
    const name = meta['name'];
    if (typeof name === 'string') {
      const { rule, max } = nameRuleFor(resource.id.group, resource.kind);
      const issue = nameProblem(rule, name);
      if (issue)
        out.push(
          finding(
            resource,
            `${pointer}/name`,
            problem('format/name', { what: `${resource.kind} name`, problem: issue }),
          ),
        );
      else if (max !== undefined && name.length > max) {
        out.push(
          finding(
            resource,
            `${pointer}/name`,
            problem('format/name', { what: `${resource.kind} name`, length: name.length, max }),
          ),
        );
      }
    }
    const ns = meta['namespace'];
    if (typeof ns === 'string') {
      const issue = nameProblem('dns1123-label', ns);
      if (issue)
        out.push(
          finding(resource, `${pointer}/namespace`, problem('format/name', { what: 'namespace', problem: issue })),
        );
    }
  }
  const labels = meta['labels'];
  if (isObject(labels)) checkLabels(resource, labels, `${pointer}/labels`, out);
  const annotations = meta['annotations'];
  if (isObject(annotations)) {
    for (const key in annotations) {
      // The API server checks annotation keys lowercased, so an upper-case prefix is allowed there.
      const issue = qualifiedKeyProblem(key.toLowerCase());
      if (issue)
        out.push(
          finding(
            resource,
            `${pointer}/annotations/${escapePointer(key)}`,
            problem('format/annotation-key', { problem: issue }),
          ),
        );
    }
    const size = annotationsSize(annotations);
    if (size > ANNOTATIONS_MAX_BYTES) {
      out.push(
        finding(
          resource,
          `${pointer}/annotations`,
          problem('format/annotations-size', { size, limit: ANNOTATIONS_MAX_BYTES }),
        ),
      );
    }
  }
}

function checkLabels(resource: Resource, labels: KObject, pointer: string, out: Out): void {
  for (const key in labels) {
    const keyProblem = qualifiedKeyProblem(key);
    if (keyProblem)
      out.push(
        finding(
          resource,
          `${pointer}/${escapePointer(key)}`,
          problem('format/label-key', { where: 'label', problem: keyProblem }),
        ),
      );
    const value = labels[key];
    if (typeof value === 'string') {
      const valueProblem = labelValueProblem(value);
      if (valueProblem)
        out.push(
          finding(
            resource,
            `${pointer}/${escapePointer(key)}`,
            problem('format/label-value', { problem: valueProblem, label: key }),
          ),
        );
    }
  }
}

function checkLabelSelector(resource: Resource, selector: KObject, pointer: string, out: Out): void {
  const matchLabels = selector['matchLabels'];
  if (isObject(matchLabels)) checkLabels(resource, matchLabels, `${pointer}/matchLabels`, out);
  const expressions = selector['matchExpressions'];
  if (!Array.isArray(expressions)) return;
  expressions.forEach((e, i) => {
    if (!isObject(e)) return;
    if (typeof e['key'] === 'string') {
      const issue = qualifiedKeyProblem(e['key']);
      if (issue)
        out.push(
          finding(
            resource,
            `${pointer}/matchExpressions/${i}/key`,
            problem('format/label-key', { where: 'selector', problem: issue }),
          ),
        );
    }
    const op = e['operator'];
    const values = Array.isArray(e['values']) ? e['values'] : [];
    if ((op === 'In' || op === 'NotIn') && values.length === 0) {
      out.push(
        finding(
          resource,
          `${pointer}/matchExpressions/${i}/values`,
          problem('format/selector', { operator: op, issue: 'needs-values' }),
        ),
      );
    } else if ((op === 'Exists' || op === 'DoesNotExist') && values.length > 0) {
      out.push(
        finding(
          resource,
          `${pointer}/matchExpressions/${i}/values`,
          problem('format/selector', { operator: op, issue: 'no-values' }),
        ),
      );
    } else if (op !== 'In' && op !== 'NotIn' && op !== 'Exists' && op !== 'DoesNotExist' && typeof op === 'string') {
      out.push(
        finding(
          resource,
          `${pointer}/matchExpressions/${i}/operator`,
          problem('format/selector', { operator: op, issue: 'unknown-operator' }),
        ),
      );
    }
    values.forEach((v, j) => {
      const issue = typeof v === 'string' ? labelValueProblem(v) : undefined;
      if (issue)
        out.push(
          finding(
            resource,
            `${pointer}/matchExpressions/${i}/values/${j}`,
            problem('format/label-value', { problem: issue }),
          ),
        );
    });
  });
}

function checkPodTemplate(resource: Resource, template: PodTemplate, containers: ContainerRef[], out: Out): void {
  if (template.metadataPointer !== '/metadata') {
    const meta = templateMeta(resource.object, template.metadataPointer);
    if (meta) checkMetadata(resource, meta, template.metadataPointer, out, false);
  }
  const spec = template.spec;
  for (const c of containers) {
    const container = c.container;
    const name = container['name'];
    if (typeof name === 'string') {
      const issue = nameProblem('dns1123-label', name);
      if (issue)
        out.push(
          finding(resource, `${c.pointer}/name`, problem('format/name', { what: 'container name', problem: issue })),
        );
    }
    const ports = container['ports'];
    if (Array.isArray(ports)) {
      ports.forEach((p, i) => {
        if (!isObject(p)) return;
        const at = `${c.pointer}/ports/${i}`;
        if (p['containerPort'] !== undefined && !isPortNumber(p['containerPort'])) {
          out.push(
            finding(
              resource,
              `${at}/containerPort`,
              problem('format/port', { field: 'containerPort', value: JSON.stringify(p['containerPort']) }),
            ),
          );
        }
        const hostPort = p['hostPort'];
        if (hostPort !== undefined && hostPort !== 0 && !isPortNumber(hostPort)) {
          out.push(
            finding(
              resource,
              `${at}/hostPort`,
              problem('format/port', { field: 'hostPort', value: JSON.stringify(hostPort) }),
            ),
          );
        }
        if (typeof p['name'] === 'string') {
          const issue = ianaSvcNameProblem(p['name']);
          if (issue) out.push(finding(resource, `${at}/name`, problem('format/port-name', { problem: issue })));
        }
      });
    }
    for (const probe of ['livenessProbe', 'readinessProbe', 'startupProbe'] as const) {
      const p = container[probe];
      if (isObject(p)) checkProbePort(resource, p, `${c.pointer}/${probe}`, out);
    }
    checkResourceRequirements(resource, container['resources'], `${c.pointer}/resources`, out);
  }
  const volumes = spec['volumes'];
  if (Array.isArray(volumes)) {
    volumes.forEach((v, i) => {
      if (!isObject(v)) return;
      if (typeof v['name'] === 'string') {
        const issue = nameProblem('dns1123-label', v['name']);
        if (issue)
          out.push(
            finding(
              resource,
              `${template.specPointer}/volumes/${i}/name`,
              problem('format/name', { what: 'volume name', problem: issue }),
            ),
          );
      }
      const emptyDir = v['emptyDir'];
      if (isObject(emptyDir) && emptyDir['sizeLimit'] !== undefined) {
        checkQuantity(
          resource,
          emptyDir['sizeLimit'],
          `${template.specPointer}/volumes/${i}/emptyDir/sizeLimit`,
          out,
          true,
        );
      }
    });
  }
  checkQuantityMap(resource, spec['overhead'], `${template.specPointer}/overhead`, out, true);
  checkResourceRequirements(resource, field(spec, 'resources'), `${template.specPointer}/resources`, out);
}

function templateMeta(obj: KObject, pointer: string): KObject | undefined {
  let cur: JsonValue | undefined = obj;
  for (const seg of pointer.slice(1).split('/')) cur = isObject(cur) ? cur[seg] : undefined;
  return isObject(cur) ? cur : undefined;
}

function checkProbePort(resource: Resource, probe: KObject, pointer: string, out: Out): void {
  for (const handler of ['httpGet', 'tcpSocket'] as const) {
    const h = probe[handler];
    if (isObject(h) && h['port'] !== undefined) {
      const issue = intOrNamedPortProblem(h['port']);
      if (issue) out.push(finding(resource, `${pointer}/${handler}/port`, problem('format/port', { problem: issue })));
    }
  }
  const grpc = probe['grpc'];
  if (isObject(grpc) && grpc['port'] !== undefined && !isPortNumber(grpc['port'])) {
    out.push(
      finding(
        resource,
        `${pointer}/grpc/port`,
        problem('format/port', { field: 'port', value: JSON.stringify(grpc['port']) }),
      ),
    );
  }
}

function checkResourceRequirements(resource: Resource, value: unknown, pointer: string, out: Out): void {
  if (!isObject(value)) return;
  checkQuantityMap(resource, value['requests'], `${pointer}/requests`, out, true);
  checkQuantityMap(resource, value['limits'], `${pointer}/limits`, out, true);
}

function checkQuantityMap(resource: Resource, value: unknown, pointer: string, out: Out, nonNegative: boolean): void {
  if (!isObject(value)) return;
  for (const key in value) checkQuantity(resource, value[key], `${pointer}/${escapePointer(key)}`, out, nonNegative);
}

function checkQuantity(
  resource: Resource,
  value: JsonValue | undefined,
  pointer: string,
  out: Out,
  nonNegative: boolean,
): void {
  const issue = quantityProblem(value);
  if (issue)
    out.push(finding(resource, pointer, problem('format/quantity', { value: JSON.stringify(value), problem: issue })));
  else if (nonNegative && isNegativeQuantity(value))
    out.push(finding(resource, pointer, problem('format/quantity', { value: JSON.stringify(value) })));
}

function checkLimitRange(resource: Resource, spec: KObject, out: Out): void {
  const limits = spec['limits'];
  if (!Array.isArray(limits)) return;
  limits.forEach((l, i) => {
    if (!isObject(l)) return;
    for (const field of ['max', 'min', 'default', 'defaultRequest', 'maxLimitRequestRatio'] as const) {
      checkQuantityMap(resource, l[field], `/spec/limits/${i}/${field}`, out, true);
    }
  });
}

function checkClaimTemplates(resource: Resource, spec: KObject, out: Out): void {
  const templates = spec['volumeClaimTemplates'];
  if (!Array.isArray(templates)) return;
  templates.forEach((t, i) => {
    if (isObject(t) && isObject(t['spec']))
      checkResourceRequirements(
        resource,
        t['spec']['resources'],
        `/spec/volumeClaimTemplates/${i}/spec/resources`,
        out,
      );
  });
}

function checkService(resource: Resource, spec: KObject, out: Out): void {
  const selector = spec['selector'];
  if (isObject(selector)) checkLabels(resource, selector, '/spec/selector', out);
  const ports = spec['ports'];
  if (!Array.isArray(ports)) return;
  ports.forEach((p, i) => {
    if (!isObject(p)) return;
    const at = `/spec/ports/${i}`;
    if (p['port'] !== undefined && !isPortNumber(p['port'])) {
      out.push(
        finding(resource, `${at}/port`, problem('format/port', { field: 'port', value: JSON.stringify(p['port']) })),
      );
    }
    const nodePort = p['nodePort'];
    if (nodePort !== undefined && nodePort !== 0 && !isPortNumber(nodePort)) {
      out.push(
        finding(
          resource,
          `${at}/nodePort`,
          problem('format/port', { field: 'nodePort', value: JSON.stringify(nodePort) }),
        ),
      );
    }
    const target = p['targetPort'];
    if (target !== undefined && target !== 0) {
      const issue = intOrNamedPortProblem(target);
      if (issue)
        out.push(
          finding(resource, `${at}/targetPort`, problem('format/port', { field: 'targetPort', problem: issue })),
        );
    }
    if (typeof p['name'] === 'string') {
      const issue = nameProblem('dns1123-label', p['name']);
      if (issue)
        out.push(
          finding(resource, `${at}/name`, problem('format/port-name', { what: 'Service port name', problem: issue })),
        );
    }
  });
}

function checkSchedule(resource: Resource, spec: KObject, out: Out): void {
  const schedule = spec['schedule'];
  if (typeof schedule !== 'string') return;
  const issue = cronScheduleProblem(schedule);
  if (issue)
    out.push(finding(resource, '/spec/schedule', problem('format/cron-schedule', { schedule, problem: issue })));
}

function checkDataKeys(resource: Resource, obj: KObject, out: Out): void {
  for (const field of ['data', 'binaryData', 'stringData'] as const) {
    const map = obj[field];
    if (!isObject(map)) continue;
    for (const key in map) {
      const issue = configMapKeyProblem(key);
      if (issue)
        out.push(
          finding(
            resource,
            `/${field}/${escapePointer(key)}`,
            problem('format/data-key', { kind: resource.kind, problem: issue }),
          ),
        );
    }
  }
}
