import policy from '../../policies/service-account-exists.js';
import { deploy, policyTable } from './inline.js';

const sa = (name: string, ns = 'shop') =>
  `apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: ${name}, namespace: ${ns}}\n---\n`;
const field = '/spec/template/spec/serviceAccountName';

policyTable(
  'service-account-exists',
  policy,
  [
    { name: 'own ServiceAccount', yaml: sa('api') + deploy('api', { spec: '      serviceAccountName: api\n' }) },
    { name: 'default allowed by options', yaml: deploy('api'), options: { allowDefault: true } },
    {
      name: 'explicit default allowed by options',
      yaml: deploy('api', { spec: '      serviceAccountName: default\n' }),
      options: { allowDefault: true },
    },
    {
      name: 'declared external',
      yaml: deploy('api', { spec: '      serviceAccountName: vault-agent\n' }),
      options: { external: ['shop/vault-agent'] },
    },
  ],
  [
    {
      name: 'missing ServiceAccount',
      yaml: deploy('api', { spec: '      serviceAccountName: api\n' }),
      findings: [`Deployment/api ${field}`],
      messages: [/ServiceAccount "api" does not exist in namespace "shop"/],
    },
    {
      name: 'ServiceAccount in another namespace',
      yaml: sa('api', 'other') + deploy('api', { spec: '      serviceAccountName: api\n' }),
      findings: [`Deployment/api ${field}`],
    },
    {
      name: 'unset means default',
      yaml: deploy('api'),
      findings: [`Deployment/api ${field}`],
      messages: [/sets no serviceAccountName/],
    },
    {
      name: 'explicit default',
      yaml: deploy('api', { spec: '      serviceAccountName: default\n' }),
      findings: [`Deployment/api ${field}`],
    },
    {
      name: 'deprecated serviceAccount field',
      yaml: deploy('api', { spec: '      serviceAccount: legacy\n' }),
      findings: ['Deployment/api /spec/template/spec/serviceAccount'],
    },
  ],
);
