// Flat config. The layer rules: src/core imports neither `vscode` at run time (type-only imports
// are fine) nor src/vscode, so core logic stays testable in plain node; webview-ui reaches the
// extension's code only through src/shared; nothing under src imports test code.
import tseslint from 'typescript-eslint';

const NAMED_EXPORTS = { selector: 'ExportDefaultDeclaration', message: 'Use named exports.' };
// Relative paths only: the `vscode` module and packages such as `@vscode/test-electron` are not folders of this repo.
const NO_TEST_IMPORTS = { regex: '^\\.{1,2}/(.*/)?test(/|$)', message: 'Product code never imports test code.' };
const REDACTED_NOTIFICATIONS = {
  selector: "CallExpression[callee.property.name=/^show(Error|Warning|Information)Message$/][arguments.0.type!='Literal']",
  message: 'A notification with text built at run time goes through src/vscode/notify.ts, which redacts secrets.',
};
const SETTINGS_THROUGH_MODULE = {
  selector: "MemberExpression[property.name='getConfiguration']",
  message: 'Settings are read and written through src/vscode/settings.ts, which declares each once and validates every value.',
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
    ignores: ['src/vscode/notify.ts', 'src/vscode/settings.ts'],
    rules: { 'no-restricted-syntax': ['error', NAMED_EXPORTS, REDACTED_NOTIFICATIONS, SETTINGS_THROUGH_MODULE] },
  },
  {
    files: ['src/vscode/notify.ts'],
    rules: { 'no-restricted-syntax': ['error', NAMED_EXPORTS, SETTINGS_THROUGH_MODULE] },
  },
  {
    files: ['src/vscode/settings.ts'],
    rules: { 'no-restricted-syntax': ['error', NAMED_EXPORTS, REDACTED_NOTIFICATIONS] },
  },
  {
    files: ['src/**/*.ts'],
    ignores: ['src/core/**'],
    rules: { '@typescript-eslint/no-restricted-imports': ['error', { patterns: [NO_TEST_IMPORTS] }] },
  },
  {
    files: ['src/core/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'vscode', message: 'src/core must not depend on VS Code at run time; use `import type` or an interface.', allowTypeImports: true }],
          patterns: [
            { regex: '^\\.{1,2}/(.*/)?vscode(/|$)', message: 'src/core must not import src/vscode; move the logic into core or pass it in.' },
            NO_TEST_IMPORTS,
          ],
        },
      ],
    },
  },
  {
    files: ['webview-ui/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'vscode', message: 'The webview runs in a browser; it has no `vscode` module.' }],
          patterns: [
            { regex: '^\\.{1,2}/(.*/)?src/(?!shared(/|$))', message: 'webview-ui imports only src/shared; re-export what it needs from there.' },
            NO_TEST_IMPORTS,
          ],
        },
      ],
    },
  },
  {
    // A product file a newcomer can read in one sitting: split a module before it outgrows this.
    files: ['src/**/*.ts', 'webview-ui/**/*.ts'],
    rules: { 'max-lines': ['error', { max: 350 }] },
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
