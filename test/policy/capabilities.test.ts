import { describe } from 'vitest';
import policy from '../../policies/capabilities.js';
import { deployment, table } from './harness.js';

const C = '/spec/template/spec/containers/0/securityContext/capabilities';

describe('capabilities', () => {
  table(policy, {
    valid: [
      {
        name: 'Windows pods are skipped',
        yaml: deployment(`os: { name: windows }\ncontainers: [{ name: app, image: iis }]`),
      },
      {
        name: 'drop ALL',
        yaml: deployment(
          `containers: [{ name: app, image: nginx, securityContext: { capabilities: { drop: [ALL] } } }]`,
        ),
      },
      {
        name: 'drop ALL, add NET_BIND_SERVICE',
        yaml: deployment(
          `containers: [{ name: app, image: nginx, securityContext: { capabilities: { drop: [ALL], add: [NET_BIND_SERVICE] } } }]`,
        ),
      },
      {
        name: 'a configured allow-list',
        yaml: deployment(
          `containers: [{ name: app, image: nginx, securityContext: { capabilities: { drop: [ALL], add: [SYS_TIME] } } }]`,
        ),
        options: { allowedAdd: ['SYS_TIME'] },
      },
    ],
    invalid: [
      {
        name: 'no capabilities at all',
        yaml: deployment(`containers: [{ name: app, image: nginx }]`),
        findings: [{ pointer: `${C}/drop`, message: 'does not drop ALL' }],
      },
      {
        name: 'drops only some',
        yaml: deployment(
          `containers: [{ name: app, image: nginx, securityContext: { capabilities: { drop: [NET_RAW] } } }]`,
        ),
        findings: [{ pointer: `${C}/drop` }],
      },
      {
        name: 'lower-case all is not ALL',
        yaml: deployment(
          `containers: [{ name: app, image: nginx, securityContext: { capabilities: { drop: [all] } } }]`,
        ),
        findings: [{ pointer: `${C}/drop` }],
      },
      {
        name: 'adds more than NET_BIND_SERVICE',
        yaml: deployment(
          `containers: [{ name: app, image: nginx, securityContext: { capabilities: { drop: [ALL], add: [NET_BIND_SERVICE, SYS_ADMIN, NET_RAW] } } }]`,
        ),
        findings: [
          { pointer: `${C}/add/1`, message: 'adds capability SYS_ADMIN' },
          { pointer: `${C}/add/2`, message: 'NET_RAW' },
        ],
      },
      {
        name: 'NET_BIND_SERVICE is not allowed with an empty allow-list',
        yaml: deployment(
          `containers: [{ name: app, image: nginx, securityContext: { capabilities: { drop: [ALL], add: [NET_BIND_SERVICE] } } }]`,
        ),
        options: { allowedAdd: [] },
        findings: [{ pointer: `${C}/add/0` }],
      },
    ],
  });
});
