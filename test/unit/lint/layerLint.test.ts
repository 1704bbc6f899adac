// The layer rules of eslint.config.mjs, checked by linting small sources in memory under the paths
// they would have: each rule must flag what breaks it and let the allowed form through.
import assert from 'node:assert/strict';
import { ruleMessages } from './lintInMemory';

describe('lint: the layers', function () {
  // Loading the TypeScript parser takes a few seconds on a busy machine.
  this.timeout(30_000);
  /** The restricted-import messages for `code` linted as `filePath`, each as "line: message". */
  const problems = async (code: string, filePath: string) => (await ruleMessages(code, filePath, '@typescript-eslint/no-restricted-imports')).map((m) => `${m.line}: ${m.message}`);

  it('src/core imports vscode only as a type', async () => {
    const code = ["import * as vscode from 'vscode';", "import type { Memento } from 'vscode';", 'export const f = (m: Memento) => [vscode, m];'].join('\n');
    const found = await problems(code, 'src/core/chat/someLogic.ts');
    assert.equal(found.length, 1, found.join('\n'));
    assert.match(found[0], /^1: .*src\/core must not depend on VS Code at run time/);
  });

  it('src/core never imports src/vscode', async () => {
    const code = "import { readSetting } from '../../vscode/settings';\nexport const f = () => readSetting;\n";
    const found = await problems(code, 'src/core/chat/someLogic.ts');
    assert.equal(found.length, 1, found.join('\n'));
    assert.match(found[0], /^1: .*src\/core must not import src\/vscode/);
  });

  it('webview-ui imports only src/shared, and never vscode', async () => {
    const code = [
      "import { API_LABELS } from '../../src/shared/coreNames';",
      "import { Router } from '../../src/core/bedrock/routing/router';",
      "import * as vscode from 'vscode';",
      'export const f = () => [API_LABELS, Router, vscode];',
    ].join('\n');
    const found = await problems(code, 'webview-ui/chat/somePart.ts');
    assert.deepEqual(
      found.map((p) => p.split(':')[0]),
      ['2', '3'],
    );
    assert.match(found[0], /webview-ui imports only src\/shared/);
    assert.match(found[1], /no `vscode` module/);
  });

  it('nothing under src imports test code', async () => {
    const code = "import { startEmulator } from '../../test/emulator/server';\nexport const f = () => startEmulator;\n";
    for (const filePath of ['src/vscode/someFeature.ts', 'src/core/someLogic.ts', 'webview-ui/chat/somePart.ts']) {
      const found = await problems(code, filePath);
      assert.equal(found.length, 1, `${filePath}: ${found.join('\n')}`);
      assert.match(found[0], /^1: .*Product code never imports test code\./, filePath);
    }
  });

  it('lets the allowed imports through', async () => {
    assert.deepEqual(await problems("import * as vscode from 'vscode';\nimport { Router } from '../core/bedrock/routing/router';\nexport const f = () => [vscode, Router];\n", 'src/vscode/someFeature.ts'), []);
    assert.deepEqual(await problems("import { Emitter } from '../emitter';\nexport const f = () => Emitter;\n", 'src/core/chat/someLogic.ts'), []);
  });
});
