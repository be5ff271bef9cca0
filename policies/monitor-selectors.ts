import { asSelector, strings } from '../scripts/core/pods.js';
import { isObject, type Resource } from '../scripts/core/resource.js';
import { LabelIndex } from '../scripts/policy/label-index.js';
import { templateIndex } from '../scripts/policy/scaling.js';
import type { Policy, PolicyFinding } from '../scripts/policy/types.js';
import { child, type PodWorkload } from '../scripts/policy/workloads.js';

const GROUP = 'monitoring.coreos.com';

const policy: Policy<Record<string, never>> = {
  meta: {
    id: 'monitor-selectors',
    title: 'ServiceMonitors and PodMonitors select something, on a port that exists',
    defaultSeverity: 'error',
    rationale:
      'Prometheus silently scrapes nothing for a monitor whose selector matches no Service or pod, or whose port name is not declared; the gap shows up only when an alert that should have fired did not.',
    remediation:
      'Make spec.selector match the Service (ServiceMonitor) or pod template (PodMonitor) labels within spec.namespaceSelector, and name a port the Service or container declares.',
    kinds: ['ServiceMonitor', 'PodMonitor', 'Service'],
    docs: 'docs/policies/monitor-selectors.md',
  },
  defaults: {},
  optionsSchema: { type: 'object', additionalProperties: false },
  check(ctx) {
    const out: PolicyFinding[] = [];
    const serviceMonitors = ctx.byKind('ServiceMonitor').filter((m) => m.id.group === GROUP);
    if (serviceMonitors.length > 0) {
      const services = new LabelIndex<Resource>();
      for (const s of ctx.byKind('Service'))
        if (s.id.group === '') services.add(s.id.namespace, strings(child(s.object, 'metadata')?.['labels']), s);
      for (const m of serviceMonitors) {
        const selected = services.select(scope(m), asSelector(child(m.object, 'spec')?.['selector']));
        if (selected.length === 0) {
          out.push(noMatch(m, 'Service'));
          continue;
        }
        const names = new Set(
          selected.flatMap((s) => listOf(child(s.object, 'spec')?.['ports']).map((p) => p['name'])),
        );
        endpoints(m, 'endpoints').forEach((e, i) => {
          const port = e['port'];
          if (typeof port !== 'string' || names.has(port)) return;
          out.push({
            subject: m,
            pointer: `/spec/endpoints/${i}/port`,
            message: `endpoint port "${port}" is not a named port of the selected Service${selected.length > 1 ? 's' : ''} (${selected.map((s) => s.id.name).join(', ')})`,
            hint: 'use a spec.ports[].name of the Service; unnamed ports cannot be scraped by name',
          });
        });
      }
    }
    const podMonitors = ctx.byKind('PodMonitor').filter((m) => m.id.group === GROUP);
    if (podMonitors.length > 0) {
      const templates = templateIndex(ctx);
      for (const m of podMonitors) {
        const selected = templates.select(scope(m), asSelector(child(m.object, 'spec')?.['selector']));
        if (selected.length === 0) {
          out.push(noMatch(m, 'pod template'));
          continue;
        }
        const ports = containerPorts(selected);
        endpoints(m, 'podMetricsEndpoints').forEach((e, i) => {
          const port = e['port'];
          const number = e['portNumber'];
          if (typeof port === 'string' && !ports.names.has(port)) {
            out.push({
              subject: m,
              pointer: `/spec/podMetricsEndpoints/${i}/port`,
              message: `podMetricsEndpoints port "${port}" is not a named container port of the selected pods`,
              hint: 'use a containers[].ports[].name of the selected pod template',
            });
          } else if (typeof number === 'number' && !ports.numbers.has(number)) {
            out.push({
              subject: m,
              pointer: `/spec/podMetricsEndpoints/${i}/portNumber`,
              message: `podMetricsEndpoints portNumber ${number} is not a container port of the selected pods`,
              hint: 'use a containers[].ports[].containerPort of the selected pod template',
            });
          }
        });
      }
    }
    return out;
  },
};

/** Namespaces a monitor looks in: `any: true`, listed names, or its own namespace. */
function scope(m: Resource): string | string[] {
  const sel = child(child(m.object, 'spec'), 'namespaceSelector');
  if (sel?.['any'] === true) return '*';
  const names = sel?.['matchNames'];
  if (Array.isArray(names) && names.length > 0) return names.filter((n): n is string => typeof n === 'string');
  return m.id.namespace ?? '';
}

function listOf(v: unknown): Record<string, unknown>[] {
  return Array.isArray(v) ? v.filter(isObject) : [];
}

function endpoints(m: Resource, field: string): Record<string, unknown>[] {
  const list = child(m.object, 'spec')?.[field];
  return Array.isArray(list) ? list.map((e) => (isObject(e) ? e : {})) : [];
}

function containerPorts(workloads: PodWorkload[]): { names: Set<unknown>; numbers: Set<unknown> } {
  const names = new Set<unknown>();
  const numbers = new Set<unknown>();
  for (const w of workloads) {
    for (const c of w.containers) {
      for (const p of listOf(c.container['ports'])) {
        names.add(p['name']);
        numbers.add(p['containerPort']);
      }
    }
  }
  return { names, numbers };
}

function noMatch(m: Resource, what: string): PolicyFinding {
  const s = scope(m);
  const where = s === '*' ? 'any namespace' : typeof s === 'string' ? `namespace "${s}"` : `namespaces ${s.join(', ')}`;
  return {
    subject: m,
    pointer: '/spec/selector',
    message: `selector matches no ${what} in ${where}; Prometheus scrapes nothing for it`,
    hint: `use labels the ${what} carries, and check spec.namespaceSelector`,
  };
}

export default policy;
