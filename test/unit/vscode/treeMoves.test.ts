// The Models tree's arrow-key bindings in the manifest: each passes a move the command knows (an
// unknown one would leave the selection where it is), every move has its key, and they apply only
// while the tree's list has focus, never while typing in its find box.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { isTreeMove, LIST_MOVES } from '../../../src/vscode/explorer/treeMoves';

const manifest = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8'));

describe('Models tree keybindings', () => {
  const bindings = (manifest.contributes.keybindings as { command: string; key: string; args?: unknown; when?: string }[]).filter((k) => k.command === 'bedrock.moveModelSelection');

  it('bind each list move once, with an argument the command takes', () => {
    assert.deepEqual(bindings.map((k) => k.args).sort(), Object.keys(LIST_MOVES).sort());
    for (const k of bindings) assert.ok(isTreeMove(k.args), `${k.key}: ${String(k.args)}`);
    assert.deepEqual(bindings.map((k) => k.key).sort(), ['down', 'end', 'home', 'pagedown', 'pageup', 'up']);
    assert.equal(isTreeMove('toString'), false, 'an inherited name is not a move');
  });

  it('apply only in the Models list with focus, not in an input', () => {
    for (const k of bindings) {
      assert.match(k.when ?? '', /focusedView == 'bedrock\.models'/);
      assert.match(k.when ?? '', /\blistFocus\b/);
      assert.match(k.when ?? '', /!inputFocus/);
    }
  });
});
