import * as assert from 'node:assert/strict';
import { TurnStatsTracker, tokensPerSecond } from '../../../src/vscode/chat/turnStats';
import { StreamGate } from '../../../webview-ui/chat/streamGate';
import { formatMs, formatTurnLine } from '../../../webview-ui/chat/turnLine';
import { modelIdFromArgument } from '../../../src/vscode/chat/modelOptions';
import { languageIdForFence } from '../../../src/vscode/chat/languageIds';
import { validateWebviewMessage } from '../../../src/shared/webviewMessages';

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

describe('chat: small helpers', () => {
  it('finds the model id behind explorer rows and strings', () => {
    assert.equal(modelIdFromArgument('m'), 'm');
    assert.equal(modelIdFromArgument({ kind: 'model', descriptor: { id: 'd' } }), 'd');
    assert.equal(modelIdFromArgument({ kind: 'profile', profile: { id: 'us.p' }, baseModel: { id: 'd' } }), 'us.p');
    assert.equal(modelIdFromArgument(undefined), undefined);
    assert.equal(modelIdFromArgument(42), undefined);
  });

  it('maps fence tags to VS Code language ids', () => {
    assert.equal(languageIdForFence('ts'), 'typescript');
    assert.equal(languageIdForFence('sh'), 'shellscript');
    assert.equal(languageIdForFence('Go'), 'go');
    assert.equal(languageIdForFence(undefined), undefined);
  });
});

describe('protocol: chat/send settings fields', () => {
  const base = { method: 'chat/send', requestId: 'r', conversationId: 'c', text: 'x' };
  it('accepts system prompt, params and an API override', () => {
    const m = { ...base, system: 's', params: { temperature: 0.5, maxTokens: 100, topP: 0.9 }, api: 'invoke-stream' };
    assert.deepEqual(validateWebviewMessage(m), m);
  });
  for (const [name, extra] of [
    ['an unknown API', { api: 'ftp' }],
    ['a non-integer maxTokens', { params: { maxTokens: 1.5 } }],
    ['a NaN temperature', { params: { temperature: Number.NaN } }],
    ['an out-of-range topP', { params: { topP: 3 } }],
    ['params that are not an object', { params: 'hot' }],
    ['a numeric system prompt', { system: 5 }],
  ] as const) {
    it(`rejects ${name}`, () => assert.equal(validateWebviewMessage({ ...base, ...extra }), undefined));
  }
});
