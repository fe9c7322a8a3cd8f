// A small rule set the code keeps: mistakes a type checker lets through (an unused
// binding, a loose ==, a let never reassigned), not style. Types: tsc and svelte-check.
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/', '.wrangler/', '.ci-check/', 'dist/', 'dsp/build/', 'public/', 'bench-results/', 'test-artifacts/', '**/*.d.ts', '**/*.d.mts'] },
  {
    files: ['**/*.{ts,mts,js,mjs}'],
    languageOptions: { parser: tseslint.parser },
    plugins: { '@typescript-eslint': tseslint.plugin },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none', ignoreRestSiblings: true }],
      'prefer-const': 'error',
      'no-var': 'error',
      eqeqeq: ['error', 'smart'],
      'no-debugger': 'error',
      'no-fallthrough': 'error',
      'no-self-compare': 'error',
      'no-unreachable': 'error',
    },
  },
  // The products reach the engine through its doors only (docs/architecture.md): the engine
  // (dsp/src/index), its Node loader, listen(), the decoders, the WAV codec alone (the app
  // must not bundle the others) and the test support.
  {
    files: ['cli/**', 'common/**', 'worker-api/**', 'web/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: 'dsp/(src/(?!(index|node|listen|decode/index|decode/wav)$)|testing/(?!index$))',
              message: 'import the engine through its doors: dsp/src/index, node, listen, decode/index, decode/wav, dsp/testing/index',
            },
          ],
        },
      ],
    },
  },
  // AssemblyScript compares values with == (=== is identity there)
  { files: ['dsp/assembly/**'], rules: { eqeqeq: 'off' } },
);
