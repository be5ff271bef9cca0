import { describe } from 'vitest';
import policy from '../../policies/alert-rule-metadata.js';
import { table } from './harness.js';

const rule = (rules: string): string => `apiVersion: monitoring.coreos.com/v1
kind: PrometheusRule
metadata: { name: web, namespace: shop }
spec:
  groups:
    - name: web
      rules:
${rules}
`;
const R = '/spec/groups/0/rules';

describe('alert-rule-metadata', () => {
  table(policy, {
    valid: [
      {
        name: 'severity, summary and runbook',
        yaml: rule(`        - alert: WebDown
          expr: up{job="web"} == 0
          labels: { severity: critical }
          annotations: { summary: web is down, runbook_url: https://runbooks/web-down }`),
      },
      {
        name: 'recording rules need nothing',
        yaml: rule(`        - record: job:up:sum\n          expr: sum(up) by (job)`),
      },
      {
        name: 'a configured set',
        yaml: rule(`        - alert: WebDown\n          expr: up == 0\n          labels: { team: shop }`),
        options: { labels: ['team'], annotations: [], severities: [] },
      },
    ],
    invalid: [
      {
        name: 'missing label and annotations, at the rule or its map',
        yaml: rule(`        - alert: WebDown
          expr: up == 0
          annotations: { summary: down }`),
        findings: [
          { pointer: `${R}/0`, message: 'alert WebDown in PrometheusRule shop/web has no label severity' },
          { pointer: `${R}/0/annotations`, message: 'has no annotation runbook_url' },
        ],
      },
      {
        name: 'a severity Alertmanager does not route',
        yaml: rule(`        - alert: WebDown
          expr: up == 0
          labels: { severity: page }
          annotations: { summary: down, runbook_url: https://runbooks/x }`),
        findings: [{ pointer: `${R}/0/labels/severity`, message: 'severity "page"' }],
      },
    ],
  });
});
