// ESLint (flat config) with typescript-eslint's recommended rules, run by `npm test` (npm run lint).
// Exemptions are few and each says why.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'test-results/', 'data/', 'coverage/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      // `_name` marks a binding kept on purpose (a destructured field left out, an unused parameter of a callback shape).
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
    },
  },
  {
    // The page runs in the browser, without a build.
    files: ['public/**/*.js'],
    languageOptions: { globals: { ...globals.browser } },
  },
);
