// Notifications are an exit for secrets: the lint rule keeps every notification with run-time text
// on the redacting path (src/vscode/notify.ts).
import assert from 'node:assert/strict';
import { ruleMessages } from './lintInMemory';

describe('lint: notifications with run-time text go through notify.ts', function () {
  // Loading the TypeScript parser takes a few seconds on a busy machine.
  this.timeout(30_000);
  const problems = async (code: string, filePath: string) => (await ruleMessages(code, filePath, 'no-restricted-syntax')).map((m) => m.line);

  it('flags a direct call with built text under src/, allows a literal and the notify module itself', async () => {
    const code = [
      "import * as vscode from 'vscode';",
      'export function f(e: Error): void {',
      '  void vscode.window.showErrorMessage(`failed: ${e.message}`);',
      "  void vscode.window.showWarningMessage('A fixed sentence.');",
      '  void vscode.window.showInformationMessage(e.message);',
      '}',
    ].join('\n');
    assert.deepEqual(await problems(code, 'src/vscode/someFeature.ts'), [3, 5]);
    assert.deepEqual(await problems(code, 'src/vscode/notify.ts'), []);
  });
});
