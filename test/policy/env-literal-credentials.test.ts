import { describe, expect, it } from 'vitest';
import policy from '../../policies/env-literal-credentials.js';
import { deployment, run, table } from './harness.js';

const C = '/spec/template/spec/containers/0';
const withEnv = (env: string): string => deployment(`containers: [{ name: app, image: x:1, env: [${env}] }]`);

describe('env-literal-credentials', () => {
  table(policy, {
    valid: [
      {
        name: 'a credential from a Secret',
        yaml: withEnv(`{ name: DB_PASSWORD, valueFrom: { secretKeyRef: { name: db, key: password } } }`),
      },
      {
        name: 'names that only mention a credential',
        yaml: withEnv(
          `{ name: TOKEN_URL, value: "https://auth/token" }, { name: PASSWORD_FILE, value: /run/secrets/pw }, { name: AWS_ACCESS_KEY_ID, value: AKIAEXAMPLE }`,
        ),
      },
      {
        name: 'an empty value or a reference to another variable',
        yaml: withEnv(`{ name: API_TOKEN, value: "" }, { name: API_KEY, value: "$(FROM_SECRET)" }`),
      },
      { name: 'ordinary settings', yaml: withEnv(`{ name: LOG_LEVEL, value: debug }`) },
    ],
    invalid: [
      {
        name: 'names with KEY as a word, and a private key under any name',
        yaml: withEnv(
          `{ name: AZURE_BATCH_KEY, value: x }, { name: OCI_CLI_KEY_CONTENT, value: x }, { name: CACHE_KEY_PREFIX, value: v1 }, { name: TLS, value: "-----BEGIN RSA PRIVATE KEY-----\\nMIIB" }`,
        ),
        findings: [
          { pointer: `${C}/env/0/value`, message: 'AZURE_BATCH_KEY' },
          { pointer: `${C}/env/1/value`, message: 'OCI_CLI_KEY_CONTENT' },
          { pointer: `${C}/env/3/value`, message: 'sets TLS to a literal private key' },
        ],
      },
      {
        name: 'passwords, tokens and keys',
        yaml: withEnv(
          `{ name: LOG_LEVEL, value: info }, { name: DB_PASSWORD, value: hunter2 }, { name: github_token, value: ghp_x }, { name: STRIPE_API_KEY, value: sk_live }`,
        ),
        findings: [
          { pointer: `${C}/env/1/value`, message: 'container "app" sets DB_PASSWORD to a literal value' },
          { pointer: `${C}/env/2/value`, message: 'github_token' },
          { pointer: `${C}/env/3/value`, message: 'STRIPE_API_KEY' },
        ],
      },
    ],
  });

  it('never repeats the value', () => {
    const { findings } = run(policy, withEnv(`{ name: DB_PASSWORD, value: canary-c0ffee-value }`));
    expect(JSON.stringify(findings.map((f) => [f.message, f.hint]))).not.toContain('canary-c0ffee-value');
  });
});
