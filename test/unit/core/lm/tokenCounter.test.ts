import * as assert from 'node:assert/strict';
import { BedrockError, errorAction } from '../../../../src/core/bedrock/errors/classifiedError';
import { DEFAULT_CHARS_PER_TOKEN, IMAGE_TOKENS, TokenCounter, type CountTokensCall } from '../../../../src/core/lm/tokenCounter';

// CountTokens is replaced by a recording function: what is under test is caching, refusal memory
// and calibration, which need no network.
function counter(call: CountTokensCall) {
  const calls: string[] = [];
  const logs: string[] = [];
  const c = new TokenCounter({
    countTokens: (base, text, signal) => {
      calls.push(`${base}:${text}`);
      return call(base, text, signal);
    },
    baseModelOf: (id) => id.replace(/^us\./, ''),
    region: () => 'us-east-1',
    log: (m) => logs.push(m),
  });
  return { c, calls, logs };
}

describe('token counter', () => {
  it('asks CountTokens with the base model of a profile, once per text', async () => {
    const { c, calls } = counter(async (_b, text) => text.split(' ').length);
    assert.deepEqual(await c.count('us.m', 'a b c'), { tokens: 3, source: 'countTokens' });
    assert.deepEqual(await c.count('m', 'a b c'), { tokens: 3, source: 'countTokens' });
    assert.deepEqual(calls, ['m:a b c']);
  });

  it('adds a fixed cost per image', async () => {
    const { c } = counter(async () => 5);
    assert.equal((await c.count('m', 'text', 2)).tokens, 5 + 2 * IMAGE_TOKENS);
  });

  it('remembers a model that refuses to count and estimates from then on', async () => {
    const refuse = new BedrockError({ kind: 'validation', message: 'refused', detail: "The provided model doesn't support counting tokens.", action: errorAction('none') });
    const { c, calls, logs } = counter(async () => {
      throw refuse;
    });
    assert.deepEqual(await c.count('m', 'x'.repeat(35)), { tokens: 10, source: 'estimate' });
    assert.deepEqual(await c.count('m', 'y'.repeat(7)), { tokens: 2, source: 'estimate' });
    assert.equal(calls.length, 1);
    assert.equal(logs.length, 1);
    assert.match(logs[0], /doesn't support counting tokens/);
  });

  it('a transient failure estimates this time and asks again next time', async () => {
    let fail = true;
    const { c, calls } = counter(async () => {
      if (fail) throw Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException', $metadata: { httpStatusCode: 429 } });
      return 4;
    });
    assert.equal((await c.count('m', 'abcd')).source, 'estimate');
    fail = false;
    assert.deepEqual(await c.count('m', 'abcd'), { tokens: 4, source: 'countTokens' });
    assert.equal(calls.length, 2);
  });

  it('calibrates the estimate from what Bedrock reports', () => {
    const { c } = counter(async () => 1);
    assert.equal(c.charsPerToken('m'), DEFAULT_CHARS_PER_TOKEN);
    c.observe('us.m', 6_000, 2_000);
    assert.equal(c.charsPerToken('m'), 3, 'a profile calibrates its base model');
    assert.equal(c.estimate('m', 'x'.repeat(30)), 10);
    c.observe('m', 1, 0);
    c.observe('m', Number.NaN, 5);
    assert.equal(c.charsPerToken('m'), 3, 'nonsense observations are ignored');
    c.observe('m', 100_000, 1_000);
    assert.equal(c.charsPerToken('m'), 8, 'clamped');
  });

  it('an empty text is zero tokens without a call', async () => {
    const { c, calls } = counter(async () => 1);
    assert.deepEqual(await c.count('m', ''), { tokens: 0, source: 'countTokens' });
    assert.equal(calls.length, 0);
  });
});
