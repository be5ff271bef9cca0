import { isObject, type KObject, type Resource } from '../scripts/core/resource.js';
import type { Policy, PolicyFinding } from '../scripts/policy/types.js';
import { byNamespacedName, child } from '../scripts/policy/workloads.js';

interface Backend {
  service: string;
  port: number | string | undefined;
  /** Pointers to the service name and port fields. */
  namePointer: string;
  portPointer: string;
}

const policy: Policy<Record<string, never>> = {
  meta: {
    id: 'ingress-backend',
    title: 'Ingress backends name an existing Service and port',
    defaultSeverity: 'error',
    rationale:
      'A backend that names a missing Service or a port the Service does not expose answers 503 for its path; the controller accepts the Ingress without complaint.',
    remediation:
      'Point backend.service.name at a Service in the Ingress namespace, and backend.service.port at one of its ports (by number, or by name).',
    kinds: ['Ingress', 'Service'],
    docs: 'docs/policies/ingress-backend.md',
  },
  defaults: {},
  optionsSchema: { type: 'object', additionalProperties: false },
  check(ctx) {
    const out: PolicyFinding[] = [];
    const services = byNamespacedName(ctx, 'Service');
    for (const ing of ctx.byKind('Ingress')) {
      if (ing.id.group !== 'networking.k8s.io' && ing.id.group !== 'extensions') continue;
      for (const b of backends(ing)) {
        const svc = services.get(`${ing.id.namespace ?? ''}/${b.service}`);
        if (!svc || svc.id.group !== '') {
          out.push({
            subject: ing,
            pointer: b.namePointer,
            message: `backend Service "${b.service}" does not exist in namespace "${ing.id.namespace ?? ''}"`,
            hint: 'use the name of a Service rendered in the same namespace',
          });
          continue;
        }
        if (b.port === undefined || exposes(svc, b.port)) continue;
        out.push({
          subject: ing,
          pointer: b.portPointer,
          message: `backend port ${typeof b.port === 'number' ? b.port : `"${b.port}"`} is not a port of Service ${b.service} (${portList(svc)})`,
          hint: 'use a spec.ports[].port number or spec.ports[].name of the Service',
        });
      }
    }
    return out;
  },
};

function backends(ing: Resource): Backend[] {
  const out: Backend[] = [];
  const spec = child(ing.object, 'spec');
  const add = (backend: KObject | undefined, pointer: string): void => {
    if (!backend) return;
    const svc = child(backend, 'service');
    if (svc && typeof svc['name'] === 'string') {
      const port = child(svc, 'port');
      const number = port?.['number'];
      const name = port?.['name'];
      const value = typeof number === 'number' ? number : typeof name === 'string' ? name : undefined;
      out.push({
        service: svc['name'],
        port: value,
        namePointer: `${pointer}/service/name`,
        portPointer: `${pointer}/service/port/${typeof number === 'number' ? 'number' : 'name'}`,
      });
    } else if (typeof backend['serviceName'] === 'string') {
      // extensions/v1beta1 and networking.k8s.io/v1beta1 shape
      const port = backend['servicePort'];
      out.push({
        service: backend['serviceName'],
        port: typeof port === 'number' || typeof port === 'string' ? port : undefined,
        namePointer: `${pointer}/serviceName`,
        portPointer: `${pointer}/servicePort`,
      });
    }
  };
  add(
    child(spec, 'defaultBackend') ?? child(spec, 'backend'),
    child(spec, 'defaultBackend') ? '/spec/defaultBackend' : '/spec/backend',
  );
  const rules = spec?.['rules'];
  if (Array.isArray(rules)) {
    rules.forEach((rule, i) => {
      const paths = isObject(rule) ? child(rule, 'http')?.['paths'] : undefined;
      if (!Array.isArray(paths)) return;
      paths.forEach((p, j) =>
        add(isObject(p) ? child(p, 'backend') : undefined, `/spec/rules/${i}/http/paths/${j}/backend`),
      );
    });
  }
  return out;
}

function servicePorts(svc: Resource): KObject[] {
  const ports = child(svc.object, 'spec')?.['ports'];
  return Array.isArray(ports) ? ports.filter(isObject) : [];
}

function exposes(svc: Resource, port: number | string): boolean {
  return servicePorts(svc).some((p) =>
    typeof port === 'number'
      ? p['port'] === port
      : p['name'] === port || (/^\d+$/.test(port) && p['port'] === Number(port)),
  );
}

function portList(svc: Resource): string {
  const ports = servicePorts(svc).map((p) =>
    typeof p['name'] === 'string' ? `${p['name']}:${String(p['port'])}` : String(p['port']),
  );
  return ports.length ? `ports ${ports.join(', ')}` : 'it has no ports';
}

export default policy;
