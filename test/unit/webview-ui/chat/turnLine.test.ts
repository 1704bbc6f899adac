import * as assert from 'node:assert/strict';
import { formatMs, formatTurnLine } from '../../../../webview-ui/chat/turnLine';

describe('chat: turn line', () => {
  it('formats the per-turn line without inventing missing figures', () => {
    assert.equal(formatMs(420), '420 ms');
    assert.equal(formatMs(4100), '4.10 s');
    assert.equal(
      formatTurnLine({ modelId: 'us.m', api: 'converse-stream', timeToFirstTokenMs: 420, inputTokens: 12, outputTokens: 340, tokensPerSecond: 85.2, totalLatencyMs: 4100 }),
      'us.m · ConverseStream · first token 420 ms · 12 in / 340 out · 85.2 tok/s · total 4.10 s',
    );
    assert.equal(formatTurnLine({ modelId: 'm', api: 'invoke' }), 'm · InvokeModel');
  });
});
