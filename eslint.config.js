import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  // ESLint checks the project's own code, listed here; anything else in the checkout (a scratch script) is the user's.
  { ignores: ['*', '!bench/', '!bin/', '!src/', '!test/', '!ui/', '!eslint.config.js'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    // The committed launcher (bin/): plain JavaScript run by Node.
    files: ['bin/**/*.js'],
    languageOptions: { globals: { process: 'readonly', URL: 'readonly' } },
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
);
