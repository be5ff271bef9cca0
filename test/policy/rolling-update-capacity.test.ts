import policy from '../../policies/rolling-update-capacity.js';
import { deploy, policyTable } from './inline.js';

const strategy = (s: string) => `  strategy:\n${s}`;
const rolling = (mu: string, ms?: string) =>
  strategy(
    `    type: RollingUpdate\n    rollingUpdate:\n      maxUnavailable: ${mu}\n${ms !== undefined ? `      maxSurge: ${ms}\n` : ''}`,
  );
const prod = { env: 'production' };

policyTable(
  'rolling-update-capacity',
  policy,
  [
    { name: 'maxUnavailable 0', yaml: deploy('api', { replicas: 4, extra: rolling('0', '1') }), ...prod },
    { name: 'maxUnavailable 0%', yaml: deploy('api', { replicas: 4, extra: rolling('0%') }), ...prod },
    { name: 'default 25% rounds down to 0 at three replicas', yaml: deploy('api', { replicas: 3 }), ...prod },
    {
      name: 'Recreate outside production',
      yaml: deploy('api', { replicas: 2, extra: strategy('    type: Recreate\n') }),
      env: 'staging',
    },
    { name: 'zero replicas', yaml: deploy('api', { replicas: 0, extra: rolling('1') }), ...prod },
  ],
  [
    {
      name: 'Recreate in production',
      yaml: deploy('api', { replicas: 2, extra: strategy('    type: Recreate\n') }),
      ...prod,
      findings: ['Deployment/api /spec/strategy/type'],
    },
    {
      name: 'maxUnavailable 1',
      yaml: deploy('api', { replicas: 3, extra: rolling('1') }),
      ...prod,
      findings: ['Deployment/api /spec/strategy/rollingUpdate/maxUnavailable'],
      messages: [/takes 1 of 3 pods down/],
    },
    {
      name: 'default 25% at four replicas',
      yaml: deploy('api', { replicas: 4 }),
      ...prod,
      findings: ['Deployment/api /spec/strategy/rollingUpdate/maxUnavailable'],
      messages: [/25% \(the default\)/],
    },
    {
      name: 'both round to zero: controller takes one down',
      yaml: deploy('api', { replicas: 3, extra: rolling('10%', '0') }),
      ...prod,
      findings: ['Deployment/api /spec/strategy/rollingUpdate/maxUnavailable'],
      messages: [/both round to 0/],
    },
    {
      name: 'configured environment list',
      yaml: deploy('api', { replicas: 3, extra: rolling('50%') }),
      env: 'prod-eu',
      options: { environments: ['prod-eu'] },
      findings: ['Deployment/api /spec/strategy/rollingUpdate/maxUnavailable'],
    },
  ],
);
