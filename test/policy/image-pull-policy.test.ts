import { describe } from 'vitest';
import policy from '../../policies/image-pull-policy.js';
import { deployment, table } from './harness.js';

const C = '/spec/template/spec/containers/0';
const DIGEST = 'sha256:' + 'a'.repeat(64);

describe('image-pull-policy', () => {
  table(policy, {
    valid: [
      {
        name: 'a digest, any policy',
        yaml: deployment(
          `containers: [{ name: app, image: "ghcr.io/x/app@${DIGEST}", imagePullPolicy: IfNotPresent }]`,
        ),
      },
      {
        name: 'a tag pulled Always',
        yaml: deployment(`containers: [{ name: app, image: ghcr.io/x/app:1.2, imagePullPolicy: Always }]`),
      },
      {
        name: ':latest defaults to Always (image-tag reports the tag)',
        yaml: deployment(`containers: [{ name: app, image: ghcr.io/x/app:latest }]`),
      },
      {
        name: 'a tag the team declares immutable',
        yaml: deployment(`containers: [{ name: app, image: ghcr.io/x/app:v1.2.3, imagePullPolicy: IfNotPresent }]`),
        options: { immutableTags: ['v\\d+\\.\\d+\\.\\d+'] },
      },
    ],
    invalid: [
      {
        name: 'a tag with IfNotPresent',
        yaml: deployment(`containers: [{ name: app, image: ghcr.io/x/app:1.2, imagePullPolicy: IfNotPresent }]`),
        findings: [
          {
            pointer: `${C}/imagePullPolicy`,
            message: 'pulls ghcr.io/x/app:1.2 by its tag with imagePullPolicy IfNotPresent',
          },
        ],
      },
      {
        name: 'a tag with the default policy, at the image',
        yaml: deployment(`containers: [{ name: app, image: ghcr.io/x/app:1.2 }]`),
        findings: [{ pointer: `${C}/image`, message: '(the default for a tag)' }],
      },
      {
        name: 'a value the API server refuses',
        yaml: deployment(`containers: [{ name: app, image: "ghcr.io/x/app@${DIGEST}", imagePullPolicy: always }]`),
        findings: [
          { pointer: `${C}/imagePullPolicy`, message: 'sets imagePullPolicy "always", which the API server refuses' },
        ],
      },
      {
        name: 'only tags matching an immutable pattern are spared',
        yaml: deployment(`containers: [{ name: app, image: ghcr.io/x/app:main, imagePullPolicy: Never }]`),
        options: { immutableTags: ['v\\d+\\.\\d+\\.\\d+'] },
        findings: [{ pointer: `${C}/imagePullPolicy` }],
      },
    ],
  });
});
