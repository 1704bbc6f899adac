// Flat config. The one project-specific rule: nothing under src/core may import `vscode` at run
// time (type-only imports are fine), so core logic stays testable in plain node.
import tseslint from 'typescript-eslint';

const NAMED_EXPORTS = { selector: 'ExportDefaultDeclaration', message: 'Use named exports.' };
const REDACTED_NOTIFICATIONS = {
  selector: "CallExpression[callee.property.name=/^show(Error|Warning|Information)Message$/][arguments.0.type!='Literal']",
  message: 'A notification with text built at run time goes through src/vscode/notify.ts, which redacts secrets.',
};

export default tseslint.config(
  { ignores: ['dist/**', 'out/**', 'node_modules/**', '.vscode-test/**', 'test-output/**', 'dist-vsix/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-restricted-syntax': ['error', NAMED_EXPORTS],
    },
  },
  {
    files: ['src/**/*.ts'],
    ignores: ['src/vscode/notify.ts'],
    rules: { 'no-restricted-syntax': ['error', NAMED_EXPORTS, REDACTED_NOTIFICATIONS] },
  },
  {
    files: ['src/core/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'vscode', message: 'src/core must not depend on VS Code at run time; use `import type` or an interface.', allowTypeImports: true }],
        },
      ],
    },
  },
  {
    files: ['**/*.mjs', '**/*.js', '**/*.cjs'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // Tool config files are loaded by their tools through a default export.
    files: ['eslint.config.mjs'],
    rules: { 'no-restricted-syntax': 'off' },
  },
);
