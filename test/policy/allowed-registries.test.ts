import policy from '../../policies/allowed-registries.js';
import { deploy, policyTable } from './inline.js';

const org = { registries: ['ghcr.io/example-org/'] };
const image = '/spec/template/spec/containers/0/image';

policyTable(
  'allowed-registries',
  policy,
  [
    { name: 'empty list allows anything', yaml: deploy('api', { image: 'docker.io/evil/miner:1' }) },
    { name: 'allowed prefix', yaml: deploy('api', { image: 'ghcr.io/example-org/api:1.0' }), options: org },
    {
      name: 'prefix without slash stops at a path boundary',
      yaml: deploy('api', { image: 'ghcr.io/example-org/api:1.0' }),
      options: { registries: ['ghcr.io/example-org'] },
    },
    {
      name: 'Docker Hub short name in its full form',
      yaml: deploy('api', { image: 'nginx:1.27' }),
      options: { registries: ['docker.io/library/'] },
    },
    {
      name: 'a whole registry',
      yaml: deploy('api', { image: 'registry.local:5000/x/y:1' }),
      options: { registries: ['registry.local:5000'] },
    },
  ],
  [
    {
      name: 'other registry',
      yaml: deploy('api', { image: 'quay.io/example-org/api:1.0' }),
      options: org,
      findings: [`Deployment/api ${image}`],
      messages: [/not from an allowed registry \(ghcr.io\/example-org\/\)/],
    },
    {
      name: 'look-alike organisation',
      yaml: deploy('api', { image: 'ghcr.io/example-org-fork/api:1.0' }),
      options: { registries: ['ghcr.io/example-org'] },
      findings: [`Deployment/api ${image}`],
    },
    {
      name: 'short name is Docker Hub, not the allowed registry',
      yaml: deploy('api', { image: 'example-org/api:1.0' }),
      options: org,
      findings: [`Deployment/api ${image}`],
    },
  ],
);
