// Codes of the API server's semantic checks: rules between fields that no schema expresses.

import { define, q } from './define.js';

const WHY = 'The API server rejects the object, although every field on its own matches the schema.';

export const SEMANTIC_CODES = {
  'semantic/duplicate-container': define<{ name: string; first: string }>({
    severity: 'error',
    title: 'Duplicate container name',
    why: WHY,
    fix: 'Give every container, init container and ephemeral container of a pod its own name.',
    message: (a) => `container name "${a.name}" is already used by ${a.first}`,
  }),
  'semantic/env-name': define<{ what: string; name: string; rule?: string; since?: string }>({
    severity: 'error',
    title: 'Invalid environment variable name',
    why: 'Older API servers reject environment variable names that are not C identifiers; newer ones accept more, but shells and many programs still cannot read them.',
    fix: "Use letters, digits and '_' (not starting with a digit).",
    message: (a) =>
      a.since !== undefined
        ? `${a.what} ${q(a.name)} is accepted from Kubernetes ${a.since} only and is not a portable shell name`
        : `${a.what} ${q(a.name)} is invalid: use ${a.rule}`,
    hint: (a) =>
      a.since !== undefined ? "use letters, digits, '_', '-' and '.', not starting with a digit" : undefined,
  }),
  'semantic/hpa-replicas': define<{ field: string; value: number; max?: number }>({
    severity: 'error',
    title: 'Invalid autoscaler bounds',
    why: WHY,
    fix: 'Set minReplicas ≥ 1 and maxReplicas ≥ minReplicas.',
    message: (a) =>
      a.max !== undefined
        ? `minReplicas ${a.value} is greater than maxReplicas ${a.max}`
        : `${a.field} ${a.value} must be at least 1`,
  }),
  'semantic/hpa-target': define<{
    kind: string;
    name: string;
    apiVersion?: string;
    complete: boolean;
    namespace?: string;
  }>({
    severity: 'error',
    title: 'Autoscaler target missing',
    why: 'A HorizontalPodAutoscaler whose scaleTargetRef names nothing scales nothing: the workload keeps its fixed replica count.',
    fix: 'Correct the kind, name and apiVersion of scaleTargetRef (a namePrefix or nameSuffix is applied to it too).',
    message: (a) =>
      `scale target ${a.kind} ${a.name}${a.apiVersion ? ` (${a.apiVersion})` : ''} is not in ${a.complete ? 'this environment' : 'the input'} (${a.namespace ? `namespace ${a.namespace}` : 'the same namespace'})`,
    hint: () => 'check the kind, name and apiVersion of scaleTargetRef',
  }),
  'semantic/ingress-path-type': define<{ issue: 'missing' | 'invalid' | 'relative'; pathType?: string }>({
    severity: 'error',
    title: 'Invalid Ingress path',
    why: WHY,
    fix: 'Set pathType to Exact, Prefix or ImplementationSpecific; Exact and Prefix paths start with `/`.',
    message: (a) =>
      a.issue === 'missing'
        ? 'Ingress path has no pathType'
        : a.issue === 'invalid'
          ? `pathType ${q(a.pathType)} is not Exact, Prefix or ImplementationSpecific`
          : `a ${a.pathType} path must be absolute (start with '/')`,
    hint: (a) => (a.issue === 'missing' ? 'set pathType: Prefix (or Exact, ImplementationSpecific)' : undefined),
  }),
  'semantic/promql-syntax': define<{ rule: string; line: number; column: number; near: string }>({
    severity: 'error',
    title: 'PromQL syntax error',
    why: 'Prometheus refuses a rule group whose expression does not parse: the operator has already applied the PrometheusRule, so the error shows up only in Prometheus logs, and every alert of the group is silently gone.',
    fix: 'Fix the expression at the line and column given (an unclosed bracket, a missing operand, a bad duration like 5mm). The expression is parsed with the Prometheus project’s own PromQL grammar.',
    message: (a) =>
      `expression of rule ${a.rule} does not parse: syntax error near ${a.near} (line ${a.line}, column ${a.column} of the expression)`,
  }),
  'semantic/prometheus-duration': define<{ field: string }>({
    severity: 'error',
    title: 'Empty Prometheus duration',
    why: 'Prometheus refuses a rule whose duration field is an empty string, and the whole rule group with it.',
    fix: 'Give a duration such as 5m, or remove the field.',
    message: (a) => `${a.field} is an empty duration`,
  }),
  'semantic/pdb-budget': define<{ issue: 'both' | 'neither' | 'invalid'; field?: string; problem?: string }>({
    severity: 'error',
    title: 'Invalid disruption budget',
    why: 'The API server rejects a PodDisruptionBudget that sets both minAvailable and maxUnavailable, or a malformed value; one that sets neither protects nothing.',
    fix: 'Set exactly one of minAvailable and maxUnavailable, as an integer or a percentage such as "50%".',
    message: (a) =>
      a.issue === 'both'
        ? 'minAvailable and maxUnavailable cannot both be set'
        : a.issue === 'neither'
          ? 'neither minAvailable nor maxUnavailable is set, so the budget protects nothing'
          : `${a.field} ${a.problem}`,
    hint: (a) =>
      a.issue === 'both'
        ? 'keep one of them'
        : a.issue === 'neither'
          ? 'set minAvailable or maxUnavailable'
          : undefined,
  }),
  'semantic/duplicate-port-name': define<{ name: string; first: number; container: string }>({
    severity: 'error',
    title: 'Duplicate container port name',
    why: WHY,
    fix: 'Give each port of the pod its own name.',
    message: (a) => `port name "${a.name}" is already used by ports[${a.first}] of container ${a.container}`,
  }),
  'semantic/duplicate-port': define<{ port: number | string; protocol: string; first: number; container: string }>({
    severity: 'warning',
    title: 'Port declared twice',
    why: 'A container port declared twice with the same protocol is accepted, but a strategic merge patch keyed on containerPort then updates only one of them.',
    fix: 'Declare each containerPort/protocol pair once.',
    message: (a) =>
      `containerPort ${a.port}/${a.protocol} is already declared by ports[${a.first}] of container ${a.container}`,
  }),
  'semantic/duplicate-host-port': define<{ port: number | string; protocol: string; first: string }>({
    severity: 'error',
    title: 'Host port used twice',
    why: WHY,
    fix: 'Use each hostPort/protocol pair once per pod.',
    message: (a) => `hostPort ${a.port}/${a.protocol} is already used by ${a.first}`,
  }),
  'semantic/selector-empty': define<{ kind: string }>({
    severity: 'error',
    title: 'Empty selector',
    why: WHY,
    fix: 'Select the stable labels of the pod template (for example app.kubernetes.io/name).',
    message: (a) => `an empty selector is invalid for a ${a.kind}`,
    hint: () => 'select the stable app.kubernetes.io/name label of the pod template',
  }),
  'semantic/selector-mismatch': define<{ reason: string; map?: boolean }>({
    severity: 'error',
    title: 'Selector does not match the template',
    why: 'The API server rejects a workload whose selector does not select its own pod template: the controller could never find the pods it creates.',
    fix: 'Make the template labels satisfy every matchLabels entry and matchExpression (commonLabels and labels transformers change both; check which one an overlay added).',
    message: (a) => `selector does not match the pod template labels: ${a.reason}`,
    hint: (a) => (a.map ? undefined : 'make the template labels satisfy every matchLabels entry and matchExpression'),
  }),
  'semantic/selector-manual': define<Record<string, never>>({
    severity: 'error',
    title: 'Job selector set by hand',
    why: 'The API server generates a Job selector; one written by hand is rejected unless spec.manualSelector is true, and then it may select pods of other Jobs.',
    fix: 'Remove spec.selector from the Job (or the CronJob template).',
    message: () =>
      'a Job selector is generated by the API server; setting spec.selector needs spec.manualSelector: true',
    hint: () => 'remove spec.selector',
  }),
  'semantic/service-ports': define<{
    issue: 'name-taken' | 'unnamed' | 'port-taken' | 'node-port-taken';
    name?: string;
    port?: string;
    first?: number;
  }>({
    severity: 'error',
    title: 'Invalid Service ports',
    why: WHY,
    fix: 'Name every port of a Service with more than one port, and use each name, port/protocol and nodePort once.',
    message: (a) =>
      a.issue === 'name-taken'
        ? `port name "${a.name}" is already used by ports[${a.first}]`
        : a.issue === 'unnamed'
          ? 'a Service with more than one port must name each port'
          : a.issue === 'port-taken'
            ? `port ${a.port} is already declared by ports[${a.first}]`
            : `nodePort ${a.port} is already used by ports[${a.first}]`,
    hint: (a) => (a.issue === 'unnamed' ? 'add name: (e.g. http, metrics)' : undefined),
  }),
  'semantic/duplicate-volume': define<{ name: string }>({
    severity: 'error',
    title: 'Duplicate volume name',
    why: WHY,
    fix: 'Give each volume of the pod its own name.',
    message: (a) => `volume name "${a.name}" is declared twice`,
  }),
  'semantic/unknown-volume': define<{ container: string; name: string; declared: readonly string[] }>({
    severity: 'error',
    title: 'Mount of an undeclared volume',
    why: WHY,
    fix: 'Add the volume to spec.volumes, or correct the name in volumeMounts.',
    message: (a) => `container ${a.container} mounts volume "${a.name}", which the pod does not declare`,
    hint: (a) => (a.declared.length > 0 ? `declared volumes: ${a.declared.join(', ')}` : 'add it to spec.volumes'),
  }),
  'semantic/duplicate-mount-path': define<{
    field: string;
    path: string;
    list: string;
    first: number;
    container: string;
  }>({
    severity: 'error',
    title: 'Path mounted twice',
    why: WHY,
    fix: 'Mount each path once per container.',
    message: (a) => `${a.field} "${a.path}" is already used by ${a.list}[${a.first}] of container ${a.container}`,
  }),
};
