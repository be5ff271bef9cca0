// Lint: typescript-eslint's type-aware recommended rules, plus the one-way data flow of
// docs/architecture.md as import rules: a stage may import only the stages listed before it.
// The toolchain lives in tools/lint (its own package.json), so installing kcfg does not fetch it: resolve the
// packages from there.
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';

const tools = createRequire(new URL('./tools/lint/package.json', import.meta.url));
const load = async (name) => (await import(pathToFileURL(tools.resolve(name)).href)).default;
const js = await load('@eslint/js');
const tseslint = await load('typescript-eslint');

// Lowest first. Stages on one line are siblings: they may not import each other.
const LAYERS = [
  ['core'],
  ['codes'],
  ['resources'],
  ['schemas'],
  ['workspace'],
  ['config'],
  ['provenance'],
  ['render'],
  ['validate', 'policy', 'diff'],
  ['policies'],
  ['check'],
  ['report'],
  ['workflow'],
  ['cli'],
];

// Reporters read rule metadata from the result they are given, never from the policies themselves.
const EXTRA_BANS = { report: ['policies'] };

function boundaries() {
  return LAYERS.flatMap((stages, rank) => {
    const forbidden = LAYERS.slice(rank + 1).flat();
    return stages.map((stage) => {
      const banned = [...forbidden, ...stages.filter((s) => s !== stage), ...(EXTRA_BANS[stage] ?? [])];
      const files = stage === 'policies' ? ['policies/**/*.ts'] : [`scripts/${stage}/**/*.ts`];
      return {
        files,
        rules: {
          'no-restricted-imports': [
            'error',
            {
              patterns: [
                {
                  regex: `^(\\.\\./)+(scripts/)?(${banned.join('|')})/`,
                  message: `${stage}/ may import only the stages before it (docs/architecture.md).`,
                },
              ],
            },
          ],
        },
      };
    });
  });
}

export default tseslint.config(
  { ignores: ['dist/', '**/node_modules/', 'schemas/', 'test/fixtures/', 'coverage/'] },
  js.configs.recommended,
  {
    files: ['scripts/**/*.ts', 'policies/**/*.ts'],
    extends: [tseslint.configs.recommendedTypeChecked],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/consistent-type-imports': ['error', { disallowTypeAnnotations: false }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', ignoreRestSiblings: true }],
      '@typescript-eslint/no-explicit-any': 'off',
      // Every command shares one async signature, whether or not it awaits.
      '@typescript-eslint/require-await': 'off',
      // Values read from manifests are JsonValue; the checks print them after testing for scalars, which
      // this rule cannot see through helper predicates.
      '@typescript-eslint/no-base-to-string': 'off',
    },
  },
  {
    files: ['test/**/*.ts', 'vitest.config.ts'],
    extends: [tseslint.configs.recommended],
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', ignoreRestSiblings: true }],
    },
  },
  {
    files: ['**/*.mjs', 'bin/*.js'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
  },
  ...boundaries(),
);
