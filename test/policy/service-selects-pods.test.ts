import policy from '../../policies/service-selects-pods.js';
import { deploy, policyTable } from './inline.js';

const svc = (selector: string | undefined, extra = '') => `apiVersion: v1
kind: Service
metadata: {name: api, namespace: shop}
spec:
${extra}${selector !== undefined ? `  selector: ${selector}\n` : ''}  ports: [{port: 80}]
---
`;

policyTable(
  'service-selects-pods',
  policy,
  [
    {
      name: 'selector is a subset of template labels',
      yaml: deploy('api', { labels: '{app: api, tier: web}' }) + svc('{app: api}'),
    },
    { name: 'no selector: endpoints managed elsewhere', yaml: svc(undefined) },
    { name: 'ExternalName', yaml: svc('{app: nothing}', '  type: ExternalName\n  externalName: db.example.com\n') },
    { name: 'StatefulSet pods', yaml: deploy('db', { kind: 'StatefulSet' }) + svc('{app: db}') },
  ],
  [
    {
      name: 'label typo: at the label, with the value the templates carry',
      yaml: deploy('api') + svc('{app: apі}'),
      findings: ['Service/api /spec/selector/app'],
      messages: [/matches no pod template in namespace "shop"/],
      hints: [/did you mean app: api\?/],
    },
    {
      name: 'all entries must match: at the entry no template carries',
      yaml: deploy('api') + svc('{app: api, tier: web}'),
      findings: ['Service/api /spec/selector/tier'],
    },
    {
      name: 'each entry matches some template, but not one template all: at the entry to drop',
      yaml:
        deploy('api', { labels: '{app: api, tier: web}' }) +
        deploy('worker', { labels: '{app: worker, tier: batch}' }) +
        svc('{app: api, tier: batch}'),
      findings: ['Service/api /spec/selector/app'],
    },
    {
      name: 'pods in another namespace',
      yaml: deploy('api', { ns: 'other' }) + svc('{app: api}'),
      findings: ['Service/api /spec/selector/app'],
    },
    {
      name: 'selector matches the Deployment labels, not the template',
      yaml: deploy('api').replace('namespace: shop\n', 'namespace: shop\n  labels: {role: api}\n') + svc('{role: api}'),
      findings: ['Service/api /spec/selector/role'],
    },
  ],
);
