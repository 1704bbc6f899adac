import * as assert from 'node:assert/strict';
import { validateWebviewMessage } from '../../../src/shared/webviewMessages';

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
