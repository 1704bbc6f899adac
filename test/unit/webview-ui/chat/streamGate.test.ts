import * as assert from 'node:assert/strict';
import { StreamGate } from '../../../../webview-ui/chat/streamGate';

describe('chat: stream gate', () => {
  const start = (requestId: string, seq = 0) => ({ method: 'chat/start' as const, requestId, seq, conversationId: 'c', modelId: 'm', api: 'converse' as const });
  const delta = (requestId: string, seq: number) => ({ method: 'chat/delta' as const, requestId, seq, channel: 'text' as const, text: 'x' });

  it('accepts only the expected stream, in order, until its terminal message', () => {
    const g = new StreamGate();
    assert.equal(g.accept(start('r1')), false, 'nothing expected yet');
    g.expect('r1');
    assert.equal(g.accept(start('r0')), false, 'stale request');
    assert.equal(g.accept(start('r1')), true);
    assert.equal(g.accept(delta('r1', 2)), false, 'gap');
    assert.equal(g.accept(delta('r1', 1)), true);
    assert.equal(g.accept(delta('r1', 1)), false, 'duplicate');
    assert.equal(g.active, 'r1');
    assert.equal(g.accept({ method: 'chat/end', requestId: 'r1', seq: 2, stopReason: 'end_turn', stats: { modelId: 'm', api: 'converse' } }), true);
    assert.equal(g.active, undefined);
    assert.equal(g.accept(delta('r1', 3)), false, 'after the end');
  });
});
