import * as assert from 'node:assert/strict';
import { TurnStatsTracker, tokensPerSecond } from '../../../../src/core/chat/turnStats';

describe('chat: turn stats', () => {
  it('measures rate over the streaming part only and leaves unknown figures out', () => {
    assert.equal(tokensPerSecond(50, 1000, 2000), 50);
    assert.equal(tokensPerSecond(undefined, 1000, 2000), undefined);
    assert.equal(tokensPerSecond(30, 1000, 1000), undefined);
    let t = 0;
    const s = new TurnStatsTracker('m', 'converse-stream', () => t);
    t = 500;
    s.end();
    assert.deepEqual(s.snapshot, { modelId: 'm', api: 'converse-stream', totalLatencyMs: 500 });
  });

  it('shows a rate only after 20 output tokens over at least 250 ms of streaming', () => {
    const tracked = (deltaTimes: number[], outputTokens: number) => {
      let t = 0;
      const s = new TurnStatsTracker('m', 'converse-stream', () => t);
      for (const at of deltaTimes) {
        t = at;
        s.token();
      }
      s.usage(5, outputTokens);
      t += 2000; // a slow end of stream is not generation time
      s.end();
      return s.snapshot;
    };
    const burst = tracked([400, 401, 402, 403], 120);
    assert.equal(burst.tokensPerSecond, undefined, 'a reply that arrived in one burst has no meaningful rate');
    assert.equal(burst.outputTokens, 120, 'the rest of the line stays');
    assert.equal(burst.timeToFirstTokenMs, 400);
    assert.equal(tracked([300, 800, 1300], 40).tokensPerSecond, 40, '40 tokens from first to last delta over 1 s');
    assert.equal(tracked([300, 800, 1300], 19).tokensPerSecond, undefined, 'too few tokens');
    assert.equal(tracked([300, 549], 200).tokensPerSecond, undefined, 'span under 250 ms');
    assert.equal(tracked([300, 550], 20).tokensPerSecond, 80, 'both thresholds met exactly');
  });
});
