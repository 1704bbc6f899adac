import * as assert from 'node:assert/strict';
import { shippedDescriptor } from '../../../../src/core/bedrock/catalog/catalogBuild';
import type { ModelDescriptor } from '../../../../src/core/bedrock/catalog/modelDescriptor';
import { SHIPPED_MODELS } from '../../../../src/core/bedrock/catalog/shippedCapabilities.generated';
import type { RoutePlan } from '../../../../src/core/bedrock/routing/routePlan';
import { familyOf, lmModelList } from '../../../../src/core/lm/lmModelInfo';
import { DEFAULT_LIMITS, tokenLimits } from '../../../../src/core/lm/modelLimits';
import { listModelsText, routeReport } from '../../../../src/core/lm/modelReport';

const HAIKU = 'anthropic.claude-3-haiku-20240307-v1:0';
const shipped = (id: string): ModelDescriptor => {
  const d = shippedDescriptor(id, SHIPPED_MODELS, undefined);
  assert.ok(d, `${id} is in the shipped table`);
  return d;
};
const haiku: ModelDescriptor = {
  ...shipped(HAIKU),
  profiles: [{ id: `us.${HAIKU}`, arn: `arn:aws:bedrock:us-east-1:1:inference-profile/us.${HAIKU}`, name: 'US Claude 3 Haiku', type: 'SYSTEM_DEFINED', scope: 'geo', regions: ['us-east-1'] }],
};
const profile: ModelDescriptor = { ...haiku, id: `us.${HAIKU}`, kind: 'systemProfile', name: 'US Claude 3 Haiku', baseModelId: HAIKU, profiles: [] };
const legacy: ModelDescriptor = { ...shipped('amazon.nova-micro-v1:0'), legacy: true };
const embed = shipped('amazon.titan-embed-text-v2:0');
const plan = (modelId: string): RoutePlan => ({
  request: { modelId, task: 'chat', features: {} },
  baseModelId: modelId.replace(/^us\./, ''),
  steps: [{ api: 'converse-stream', endpoint: 'runtime', target: modelId, reason: 'Converse supported (shipped table)', adjustments: {} }],
  notes: [],
});

describe('vscode.lm model list', () => {
  it('lists chat models and profiles, not embeddings, not legacy unless kept', () => {
    const list = lmModelList([embed, legacy, profile, haiku], { plan });
    assert.deepEqual(list.map((m) => m.id), [HAIKU, `us.${HAIKU}`]);
    const kept = lmModelList([legacy, haiku], { plan, keepLegacy: new Set([legacy.id]) });
    assert.ok(kept.some((m) => m.id === legacy.id));
  });

  it('says limits with their source, capabilities from the descriptor, and the route', () => {
    const [m, p] = lmModelList([haiku, profile], { plan });
    assert.equal(m.family, 'claude-3-haiku-20240307');
    assert.equal(m.version, HAIKU);
    assert.equal(m.maxInputTokens, 200_000);
    assert.equal(m.maxOutputTokens, 4_096);
    assert.deepEqual(m.capabilities, { imageInput: true, toolCalling: true });
    assert.equal(m.detail, 'Anthropic · Converse');
    assert.match(m.tooltip, /published limits/);
    assert.equal(p.detail, 'Anthropic · cross-Region profile · Converse');
    assert.match(p.tooltip, new RegExp(`cross-Region profile for ${HAIKU.replace(/[.:]/g, '\\$&')}`));
  });

  it('prefers the output limit Bedrock told us, and says when it only has a default', () => {
    assert.deepEqual(tokenLimits(HAIKU, 2_000), { maxInputTokens: 200_000, maxOutputTokens: 2_000, source: 'learned' });
    assert.deepEqual(tokenLimits('acme.unknown-model-v1:0'), { ...DEFAULT_LIMITS, source: 'default' });
    assert.equal(tokenLimits(`global.anthropic.claude-sonnet-4-5-20250929-v1:0`).maxOutputTokens, 64_000);
  });

  it('family drops provider, profile prefix and version', () => {
    assert.equal(familyOf('us.amazon.nova-micro-v1:0'), 'nova-micro');
    assert.equal(familyOf('openai.gpt-oss-20b-1:0'), 'gpt-oss-20b');
    assert.equal(familyOf('anthropic.claude-opus-4-7'), 'claude-opus-4-7');
  });
});

describe('model reports (tools and @bedrock)', () => {
  it('lists matches with their route and caps the list', () => {
    const text = listModelsText({ region: 'us-east-1', descriptors: [haiku, profile, embed], plan }, { output: 'text' });
    assert.match(text, /^1 of 3 models and profiles in us-east-1 match \(not yet listed by Bedrock\)\./);
    assert.match(text, /- anthropic\.claude-3-haiku-20240307-v1:0 — Claude 3 Haiku \(Anthropic; produces text; chat route: ConverseStream\)/);
    const withProfiles = listModelsText({ region: 'us-east-1', descriptors: [haiku, profile], plan }, { includeProfiles: true });
    assert.match(withProfiles, /inference profile/);
  });

  it('explains a route step by step', () => {
    const report = routeReport(plan(`us.${HAIKU}`), profile);
    assert.match(report, /1\. First \*\*ConverseStream\*\* on bedrock-runtime with `us\.anthropic/);
    assert.match(report, /model `anthropic\.claude-3-haiku/);
  });
});

describe('vscode.lm model names', () => {
  it('a model listed without a name (bedrock-mantle only) is named by its id without the provider', () => {
    const mantleOnly: ModelDescriptor = { ...shipped(HAIKU), id: 'openai.gpt-5.5', name: 'openai.gpt-5.5', provider: 'OpenAI', mantleOnly: true };
    assert.equal(lmModelList([mantleOnly], { plan })[0].name, 'gpt-5.5');
  });
});
