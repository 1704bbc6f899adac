import assert from 'node:assert/strict';
import { cleanTerminalOutput, OutputKeeper } from '../../../../src/core/agent/terminalOutput';

describe('agent terminal output', () => {
  it('drops colours, shell-integration marks and carriage-return redraws', () => {
    const raw = '\x1b]633;C\x07\x1b[32mPASS\x1b[0m test\r\nprogress 10%\rprogress 100%\r\ndone\x1b]633;D;0\x07';
    assert.equal(cleanTerminalOutput(raw), 'PASS test\nprogress 100%\ndone');
  });

  it('keeps the start and the end of long output and says the middle was cut', () => {
    const keeper = new OutputKeeper(4000);
    for (let i = 0; i < 1000; i++) keeper.add(`line ${i}\n`);
    assert.equal(keeper.cut, true);
    const text = keeper.text();
    assert.match(text, /^line 0\n/);
    assert.match(text, /line 999\n$/);
    assert.match(text, /\[\.\.\. output cut \.\.\.\]/);
    assert.ok(text.length < 4200);
    const small = new OutputKeeper(4000);
    small.add('hello\n');
    assert.deepEqual([small.text(), small.cut], ['hello\n', false]);
  });
});
