// Settings are hostile input: the lint rule keeps every read on the validating path
// (src/vscode/settings.ts), so no feature reads a raw value the settings table never checked.
import assert from 'node:assert/strict';
import { ruleMessages } from './lintInMemory';

describe('lint: settings are read through settings.ts', function () {
  // Loading the TypeScript parser takes a few seconds on a busy machine.
  this.timeout(30_000);
  const problems = async (code: string, filePath: string) => (await ruleMessages(code, filePath, 'no-restricted-syntax')).map((m) => m.line);

  it('flags getConfiguration anywhere under src/ but the settings module', async () => {
    const code = [
      "import * as vscode from 'vscode';",
      'export function f(): unknown {',
      "  return vscode.workspace.getConfiguration('bedrock').get('region');",
      '}',
    ].join('\n');
    assert.deepEqual(await problems(code, 'src/vscode/someFeature.ts'), [3]);
    assert.deepEqual(await problems(code, 'src/vscode/notify.ts'), [3]);
    assert.deepEqual(await problems(code, 'src/vscode/settings.ts'), []);
  });
});
