import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import jest from 'eslint-plugin-jest';
import importX from 'eslint-plugin-import-x';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';

/**
 * A context (a folder of packages/) is entered only by its public entry: from another context,
 * `../tenders`, never `../tenders/model`; from functions/, infra/ and bench/ likewise. Tests may
 * reach into the context they test.
 */
const deepImport = (prefix) => ({
  group: [`${prefix}*/*`, `!${prefix}*/index`],
  message: 'Import another context through its public entry (its index.ts), not one of its files.',
});

export default tseslint.config(
  { ignores: ['node_modules/**', 'cdk.out/**', '.local/**', 'coverage/**', 'dist/**', 'test-artifacts/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'off',
    },
  },
  {
    // No import cycle, between contexts or inside one: contexts form layers, each using those below.
    files: ['packages/**/*.ts', 'functions/**/*.ts', 'infra/**/*.ts', 'bench/**/*.ts'],
    plugins: { 'import-x': importX },
    settings: {
      ...importX.flatConfigs.typescript.settings,
      'import-x/resolver-next': [createTypeScriptImportResolver()],
    },
    rules: { 'import-x/no-cycle': ['error', { ignoreExternal: true }] },
  },
  {
    files: ['packages/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [deepImport('../')] }] },
  },
  {
    // The portal's browser code sits deeper: the same rule, counted from its folders.
    files: ['packages/portal/app/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [deepImport('../../')] }] },
  },
  {
    files: ['packages/portal/app/*/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [deepImport('../../../')] }] },
  },
  {
    files: ['functions/**/*.ts', 'infra/**/*.ts', 'bench/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            deepImport('../packages/'),
            deepImport('../../packages/'),
            deepImport('../../../packages/'),
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.cjs', '**/*.mjs', '*.config.js'],
    languageOptions: {
      globals: {
        require: 'readonly',
        module: 'writable',
        process: 'readonly',
        __dirname: 'readonly',
        console: 'readonly',
      },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['test/**/*.ts'],
    ...jest.configs['flat/recommended'],
    rules: {
      ...jest.configs['flat/recommended'].rules,
      'jest/no-focused-tests': 'error',
      'jest/no-disabled-tests': 'error',
      'jest/expect-expect': ['error', { assertFunctionNames: ['expect', 'expect*', 'template.*'] }],
    },
  },
);
