import policy from '../../policies/image-digest.js';
import { deploy, policyTable } from './inline.js';

const digest = 'sha256:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa';

policyTable(
  'image-digest',
  policy,
  [
    {
      name: 'digest in production',
      yaml: deploy('api', { image: `ghcr.io/example-org/api:1.0@${digest}` }),
      env: 'production',
    },
    {
      name: 'tag only outside production',
      yaml: deploy('api', { image: 'ghcr.io/example-org/api:1.0' }),
      env: 'staging',
    },
    {
      name: 'no environments configured',
      yaml: deploy('api', { image: 'api:1.0' }),
      env: 'production',
      options: { environments: [] },
    },
  ],
  [
    {
      name: 'tag only in production',
      yaml: deploy('api', { image: 'ghcr.io/example-org/api:1.0' }),
      env: 'production',
      findings: ['Deployment/api /spec/template/spec/containers/0/image'],
      messages: [/not pinned by digest \(required in production\)/],
    },
    {
      name: 'short digest',
      yaml: deploy('api', { image: 'ghcr.io/example-org/api@sha256:1234' }),
      env: 'production',
      findings: ['Deployment/api /spec/template/spec/containers/0/image'],
      messages: [/malformed digest/],
    },
    {
      name: 'configured environment',
      yaml: deploy('api', { image: 'api:1.0' }),
      env: 'staging',
      options: { environments: ['staging'] },
      findings: ['Deployment/api /spec/template/spec/containers/0/image'],
    },
  ],
);
