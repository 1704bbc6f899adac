import assert from 'node:assert/strict';
import { parseModelRef, stripProfilePrefix } from '../../../../../src/core/bedrock/catalog/modelRef';
import { embedFamilyOf, invokeFamilyOf } from '../../../../../src/core/bedrock/catalog/modelFamily';

describe('modelRef', () => {
  it('accepts every id and ARN form', () => {
    assert.deepEqual(parseModelRef('anthropic.claude-3-haiku-20240307-v1:0').kind, 'model');
    assert.equal(parseModelRef('us.anthropic.claude-3-5-sonnet-20241022-v2:0').kind, 'systemProfile');
    assert.equal(parseModelRef('global.anthropic.claude-sonnet-4-6').kind, 'systemProfile');
    assert.equal(parseModelRef('us-gov.nvidia.nemotron-nano-3-30b').kind, 'systemProfile');
    const fmArn = parseModelRef('arn:aws:bedrock:us-east-1::foundation-model/amazon.nova-lite-v1:0');
    assert.deepEqual([fmArn.kind, fmArn.id, fmArn.region], ['model', 'amazon.nova-lite-v1:0', 'us-east-1']);
    const ip = parseModelRef('arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.amazon.nova-lite-v1:0');
    assert.deepEqual([ip.kind, ip.id, ip.account], ['systemProfile', 'us.amazon.nova-lite-v1:0', '123456789012']);
    const app = parseModelRef('arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/abc123');
    assert.deepEqual([app.kind, app.id], ['applicationProfile', app.raw]);
    assert.equal(parseModelRef('arn:aws:bedrock:us-east-1:123456789012:provisioned-model/xyz').kind, 'provisionedModel');
  });

  it('does not mistake a provider for a geo prefix', () => {
    assert.equal(stripProfilePrefix('meta.llama3-8b-instruct-v1:0'), 'meta.llama3-8b-instruct-v1:0');
    assert.equal(stripProfilePrefix('apac.amazon.nova-lite-v1:0'), 'amazon.nova-lite-v1:0');
  });

  it('maps known families and refuses to guess for unknown providers', () => {
    assert.equal(invokeFamilyOf('us.anthropic.claude-sonnet-4-6'), 'anthropic');
    assert.equal(invokeFamilyOf('amazon.nova-pro-v1:0'), 'nova');
    assert.equal(invokeFamilyOf('amazon.nova-2-multimodal-embeddings-v1:0'), undefined);
    assert.equal(invokeFamilyOf('mistral.mistral-large-2402-v1:0'), 'mistralChat');
    assert.equal(invokeFamilyOf('mistral.mixtral-8x7b-instruct-v0:1'), 'mistralText');
    assert.equal(invokeFamilyOf('brandnew.model-v1'), undefined);
    assert.equal(embedFamilyOf('amazon.nova-2-multimodal-embeddings-v1:0'), 'novaEmbed');
    assert.equal(embedFamilyOf('cohere.embed-v4:0'), 'cohereV4');
    assert.equal(embedFamilyOf('us.cohere.embed-v4:0'), 'cohereV4');
  });
});
