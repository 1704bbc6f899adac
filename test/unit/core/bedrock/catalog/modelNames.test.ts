import assert from 'node:assert/strict';
import { compactName, readableModelName, rowNamedLike } from '../../../../../src/core/bedrock/catalog/modelNames';
import { SHIPPED_MODELS } from '../../../../../src/core/bedrock/catalog/shippedCapabilities.generated';

describe('readable names for models no listing names', () => {
  it('turns an id into words: provider prefix, version suffix and release date left out', () => {
    assert.equal(readableModelName('anthropic.claude-mythos-5'), 'Claude Mythos 5');
    assert.equal(readableModelName('openai.gpt-5.5'), 'GPT-5.5');
    assert.equal(readableModelName('openai.gpt-oss-120b-1:0'), 'GPT-OSS-120B');
    assert.equal(readableModelName('qwen.qwen3-coder-480b-a35b-v1:0'), 'Qwen3 Coder 480B A35B');
    assert.equal(readableModelName('xai.grok-4.3'), 'Grok 4.3');
    assert.equal(readableModelName('anthropic.claude-haiku-4-5-20251001'), 'Claude Haiku 4 5');
    assert.equal(readableModelName('deepseek.v3-v1:0'), 'V3');
  });

  it('changes only case and separators: the letters and digits of the name are the id’s', () => {
    for (const id of ['openai.gpt-5.5', 'anthropic.claude-mythos-5', 'moonshotai.kimi-k2.5', 'x.some_new-model-7b']) {
      const bare = id.slice(id.indexOf('.') + 1);
      assert.equal(compactName(readableModelName(id)), compactName(bare), id);
    }
  });

  it('an id with nothing left after the prefix stays the id', () => {
    assert.equal(readableModelName('odd.'), 'odd.');
    assert.equal(readableModelName('plain'), 'Plain');
  });

  it('finds the shipped row known by name alone whose name has the id’s letters and digits, from the same provider', () => {
    assert.equal(rowNamedLike('anthropic.claude-mythos-5', SHIPPED_MODELS)?.n, 'Claude Mythos 5');
    assert.equal(rowNamedLike('openai.gpt-5.5', SHIPPED_MODELS)?.n, 'GPT-5.5');
    assert.equal(rowNamedLike('amazon.claude-mythos-5', SHIPPED_MODELS), undefined, 'another provider’s prefix');
    assert.equal(rowNamedLike('xai.grok-4.3', SHIPPED_MODELS), undefined, 'rows with a published id are matched by id, not here');
    assert.equal(rowNamedLike('claude-mythos-5', SHIPPED_MODELS), undefined, 'no provider prefix');
    assert.equal(rowNamedLike('anthropic.', SHIPPED_MODELS), undefined);
  });
});
