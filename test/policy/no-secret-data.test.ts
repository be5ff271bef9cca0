import { expect, it } from 'vitest';
import policy from '../../policies/no-secret-data.js';
import { policyTable, run } from './inline.js';

const secret = (body: string, kind = 'Secret', apiVersion = 'v1') =>
  `apiVersion: ${apiVersion}\nkind: ${kind}\nmetadata: {name: db, namespace: shop}\n${body}---\n`;

policyTable(
  'no-secret-data',
  policy,
  [
    { name: 'Secret without values', yaml: secret('type: kubernetes.io/service-account-token\n') },
    { name: 'empty data map', yaml: secret('data: {}\n') },
    {
      name: 'ExternalSecret is the fix, not a violation',
      yaml: secret(
        'spec: {data: [{secretKey: password, remoteRef: {key: db}}]}\n',
        'ExternalSecret',
        'external-secrets.io/v1beta1',
      ),
    },
  ],
  [
    {
      name: 'data',
      yaml: secret('data: {password: aHVudGVyMg==}\n'),
      findings: ['Secret/db /data'],
      messages: [/carries data \(key password\)/],
    },
    {
      name: 'stringData',
      yaml: secret('stringData: {user: admin, password: hunter2}\n'),
      findings: ['Secret/db /stringData'],
      messages: [/keys password, user/],
    },
    {
      name: 'both',
      yaml: secret('data: {a: YQ==}\nstringData: {b: b}\n'),
      findings: ['Secret/db /data', 'Secret/db /stringData'],
    },
  ],
);

it('no-secret-data never shows a value', () => {
  const findings = run(
    policy,
    secret('stringData: {password: hunter2-very-secret}\ndata: {token: c2VjcmV0LXRva2Vu}\n'),
  );
  const text = JSON.stringify(findings.map((f) => [f.message, f.hint]));
  expect(text).not.toContain('hunter2');
  expect(text).not.toContain('c2VjcmV0LXRva2Vu');
  expect(text).not.toContain('secret-token');
});
