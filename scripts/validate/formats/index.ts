// Field formats JSON Schema cannot express, checked in one pass over a resource: names per kind, labels and
// annotations, ports, quantities, CronJob schedules and ConfigMap/Secret keys.

import type { ContainerRef, PodTemplate } from '../../core/pods.js';
import {
  escapePointer,
  isObject,
  type Finding,
  type JsonValue,
  type KObject,
  type Resource,
} from '../../core/resource.js';
import { finding, podView } from '../finding.js';
import { cronScheduleProblem } from './cron.js';
import { annotationsSize, ANNOTATIONS_MAX_BYTES, labelValueProblem, qualifiedKeyProblem } from './labels.js';
import { configMapKeyProblem, nameProblem, nameRuleFor } from './names.js';
import { ianaSvcNameProblem, intOrNamedPortProblem, isPortNumber } from './ports.js';
import { isNegativeQuantity, quantityProblem } from './quantity.js';

export { cronScheduleProblem } from './cron.js';
export { annotationsSize, labelValueProblem, qualifiedKeyProblem } from './labels.js';
export {
  configMapKeyProblem,
  isConfigMapKey,
  isDns1035Label,
  isDns1123Label,
  isDns1123Subdomain,
  nameProblem,
  nameRuleFor,
} from './names.js';
export { ianaSvcNameProblem, intOrNamedPortProblem, isPortNumber } from './ports.js';
export { isQuantity, quantityProblem } from './quantity.js';

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
      const problem = nameProblem(rule, name);
      if (problem)
        out.push(finding('format/name', 'error', resource, `${pointer}/name`, `${resource.kind} name ${problem}`));
      else if (max !== undefined && name.length > max) {
        out.push(
          finding(
            'format/name',
            'error',
            resource,
            `${pointer}/name`,
            `${resource.kind} name is ${name.length} characters, at most ${max} allowed`,
          ),
        );
      }
    }
    const ns = meta['namespace'];
    if (typeof ns === 'string') {
      const problem = nameProblem('dns1123-label', ns);
      if (problem) out.push(finding('format/name', 'error', resource, `${pointer}/namespace`, `namespace ${problem}`));
    }
  }
  const labels = meta['labels'];
  if (isObject(labels)) checkLabels(resource, labels, `${pointer}/labels`, out);
  const annotations = meta['annotations'];
  if (isObject(annotations)) {
    for (const key in annotations) {
      // The API server checks annotation keys lowercased, so an upper-case prefix is allowed there.
      const problem = qualifiedKeyProblem(key.toLowerCase());
      if (problem)
        out.push(
          finding(
            'format/annotation-key',
            'error',
            resource,
            `${pointer}/annotations/${escapePointer(key)}`,
            `annotation ${problem}`,
          ),
        );
    }
    const size = annotationsSize(annotations);
    if (size > ANNOTATIONS_MAX_BYTES) {
      out.push(
        finding(
          'format/annotations-size',
          'error',
          resource,
          `${pointer}/annotations`,
          `annotations total ${size} bytes, above the ${ANNOTATIONS_MAX_BYTES}-byte limit`,
          'move large data into a ConfigMap',
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
        finding('format/label-key', 'error', resource, `${pointer}/${escapePointer(key)}`, `label ${keyProblem}`),
      );
    const value = labels[key];
    if (typeof value === 'string') {
      const valueProblem = labelValueProblem(value);
      if (valueProblem)
        out.push(
          finding(
            'format/label-value',
            'error',
            resource,
            `${pointer}/${escapePointer(key)}`,
            `${valueProblem} (label ${key})`,
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
      const problem = qualifiedKeyProblem(e['key']);
      if (problem)
        out.push(
          finding('format/label-key', 'error', resource, `${pointer}/matchExpressions/${i}/key`, `selector ${problem}`),
        );
    }
    const op = e['operator'];
    const values = Array.isArray(e['values']) ? e['values'] : [];
    if ((op === 'In' || op === 'NotIn') && values.length === 0) {
      out.push(
        finding(
          'format/selector',
          'error',
          resource,
          `${pointer}/matchExpressions/${i}/values`,
          `operator ${op} needs at least one value`,
        ),
      );
    } else if ((op === 'Exists' || op === 'DoesNotExist') && values.length > 0) {
      out.push(
        finding(
          'format/selector',
          'error',
          resource,
          `${pointer}/matchExpressions/${i}/values`,
          `operator ${op} must not have values`,
        ),
      );
    } else if (op !== 'In' && op !== 'NotIn' && op !== 'Exists' && op !== 'DoesNotExist' && typeof op === 'string') {
      out.push(
        finding(
          'format/selector',
          'error',
          resource,
          `${pointer}/matchExpressions/${i}/operator`,
          `operator ${JSON.stringify(op)} is not one of In, NotIn, Exists, DoesNotExist`,
        ),
      );
    }
    values.forEach((v, j) => {
      const problem = typeof v === 'string' ? labelValueProblem(v) : undefined;
      if (problem)
        out.push(
          finding('format/label-value', 'error', resource, `${pointer}/matchExpressions/${i}/values/${j}`, problem),
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
      const problem = nameProblem('dns1123-label', name);
      if (problem)
        out.push(finding('format/name', 'error', resource, `${c.pointer}/name`, `container name ${problem}`));
    }
    const ports = container['ports'];
    if (Array.isArray(ports)) {
      ports.forEach((p, i) => {
        if (!isObject(p)) return;
        const at = `${c.pointer}/ports/${i}`;
        if (p['containerPort'] !== undefined && !isPortNumber(p['containerPort'])) {
          out.push(
            finding(
              'format/port',
              'error',
              resource,
              `${at}/containerPort`,
              `containerPort ${JSON.stringify(p['containerPort'])} must be between 1 and 65535`,
            ),
          );
        }
        const hostPort = p['hostPort'];
        if (hostPort !== undefined && hostPort !== 0 && !isPortNumber(hostPort)) {
          out.push(
            finding(
              'format/port',
              'error',
              resource,
              `${at}/hostPort`,
              `hostPort ${JSON.stringify(hostPort)} must be between 1 and 65535`,
            ),
          );
        }
        if (typeof p['name'] === 'string') {
          const problem = ianaSvcNameProblem(p['name']);
          if (problem) out.push(finding('format/port-name', 'error', resource, `${at}/name`, problem));
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
        const problem = nameProblem('dns1123-label', v['name']);
        if (problem)
          out.push(
            finding(
              'format/name',
              'error',
              resource,
              `${template.specPointer}/volumes/${i}/name`,
              `volume name ${problem}`,
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
  checkResourceRequirements(resource, spec['resources'], `${template.specPointer}/resources`, out);
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
      const problem = intOrNamedPortProblem(h['port']);
      if (problem) out.push(finding('format/port', 'error', resource, `${pointer}/${handler}/port`, problem));
    }
  }
  const grpc = probe['grpc'];
  if (isObject(grpc) && grpc['port'] !== undefined && !isPortNumber(grpc['port'])) {
    out.push(
      finding(
        'format/port',
        'error',
        resource,
        `${pointer}/grpc/port`,
        `port ${JSON.stringify(grpc['port'])} must be between 1 and 65535`,
      ),
    );
  }
}

function checkResourceRequirements(resource: Resource, value: JsonValue | undefined, pointer: string, out: Out): void {
  if (!isObject(value)) return;
  checkQuantityMap(resource, value['requests'], `${pointer}/requests`, out, true);
  checkQuantityMap(resource, value['limits'], `${pointer}/limits`, out, true);
}

function checkQuantityMap(
  resource: Resource,
  value: JsonValue | undefined,
  pointer: string,
  out: Out,
  nonNegative: boolean,
): void {
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
  const problem = quantityProblem(value);
  if (problem) out.push(finding('format/quantity', 'error', resource, pointer, problem));
  else if (nonNegative && isNegativeQuantity(value))
    out.push(finding('format/quantity', 'error', resource, pointer, `${JSON.stringify(value)} must not be negative`));
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
        finding(
          'format/port',
          'error',
          resource,
          `${at}/port`,
          `port ${JSON.stringify(p['port'])} must be between 1 and 65535`,
        ),
      );
    }
    const nodePort = p['nodePort'];
    if (nodePort !== undefined && nodePort !== 0 && !isPortNumber(nodePort)) {
      out.push(
        finding(
          'format/port',
          'error',
          resource,
          `${at}/nodePort`,
          `nodePort ${JSON.stringify(nodePort)} must be between 1 and 65535`,
        ),
      );
    }
    const target = p['targetPort'];
    if (target !== undefined && target !== 0) {
      const problem = intOrNamedPortProblem(target);
      if (problem) out.push(finding('format/port', 'error', resource, `${at}/targetPort`, `targetPort: ${problem}`));
    }
    if (typeof p['name'] === 'string') {
      const problem = nameProblem('dns1123-label', p['name']);
      if (problem)
        out.push(finding('format/port-name', 'error', resource, `${at}/name`, `Service port name ${problem}`));
    }
  });
}

function checkSchedule(resource: Resource, spec: KObject, out: Out): void {
  const schedule = spec['schedule'];
  if (typeof schedule !== 'string') return;
  const problem = cronScheduleProblem(schedule);
  if (problem)
    out.push(
      finding(
        'format/cron-schedule',
        'error',
        resource,
        '/spec/schedule',
        `schedule ${JSON.stringify(schedule)}: ${problem}`,
      ),
    );
}

function checkDataKeys(resource: Resource, obj: KObject, out: Out): void {
  for (const field of ['data', 'binaryData', 'stringData'] as const) {
    const map = obj[field];
    if (!isObject(map)) continue;
    for (const key in map) {
      const problem = configMapKeyProblem(key);
      if (problem)
        out.push(
          finding(
            'format/data-key',
            'error',
            resource,
            `/${field}/${escapePointer(key)}`,
            `${resource.kind} ${problem}`,
          ),
        );
    }
  }
}
