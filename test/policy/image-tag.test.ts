import policy from '../../policies/image-tag.js';
import { deploy, policyTable } from './inline.js';

const digest = 'sha256:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa';
const withInit = (image: string) =>
  deploy('api', { spec: `      initContainers:\n        - name: migrate\n          image: ${image}\n` });

policyTable(
  'image-tag',
  policy,
  [
    { name: 'version tag', yaml: deploy('api', { image: 'ghcr.io/example-org/api:1.4.2' }) },
    { name: 'digest only', yaml: deploy('api', { image: `ghcr.io/example-org/api@${digest}` }) },
    { name: 'latest pinned by digest', yaml: deploy('api', { image: `ghcr.io/example-org/api:latest@${digest}` }) },
    { name: 'registry with port, tagged', yaml: deploy('api', { image: 'registry.local:5000/team/api:2.0' }) },
  ],
  [
    {
      name: 'untagged',
      yaml: deploy('api', { image: 'nginx' }),
      findings: ['Deployment/api /spec/template/spec/containers/0/image'],
      messages: [/untagged image \(nginx\)/],
    },
    {
      name: 'latest',
      yaml: deploy('api', { image: 'ghcr.io/example-org/api:latest' }),
      findings: ['Deployment/api /spec/template/spec/containers/0/image'],
      messages: [/:latest tag/],
    },
    {
      name: 'registry port is not a tag',
      yaml: deploy('api', { image: 'registry.local:5000/team/api' }),
      findings: ['Deployment/api /spec/template/spec/containers/0/image'],
      messages: [/untagged/],
    },
    {
      name: 'malformed digest does not pin',
      yaml: deploy('api', { image: 'ghcr.io/example-org/api@sha256:abc' }),
      findings: ['Deployment/api /spec/template/spec/containers/0/image'],
    },
    {
      name: 'init containers count',
      yaml: withInit('busybox:latest'),
      findings: ['Deployment/api /spec/template/spec/initContainers/0/image'],
    },
  ],
);
