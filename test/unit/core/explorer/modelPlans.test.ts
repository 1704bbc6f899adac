import * as assert from 'node:assert/strict';
import { buildDescriptors, type FoundationModelInfo } from '../../../../src/core/bedrock/catalog/catalogBuild';
import { chatModelCandidates } from '../../../../src/core/bedrock/catalog/defaultChatModel';
import { embeddingPickerModels } from '../../../../src/core/bedrock/catalog/modelDescriptor';
import { SHIPPED_MODELS } from '../../../../src/core/bedrock/catalog/shippedCapabilities.generated';
import type { PlanRequest, RoutePlan } from '../../../../src/core/bedrock/routing/routePlan';
import { modelPlans } from '../../../../src/core/explorer/modelPlans';
import { foundationModel } from '../bedrock/catalog/catalogInputs';

const fm = (id: string, output: string, extra: Partial<FoundationModelInfo> = {}): FoundationModelInfo =>
  foundationModel(id, { providerName: 'Amazon', outputModalities: [output], ...extra });

const descriptors = buildDescriptors({
  models: [fm('amazon.nova-lite-v1:0', 'TEXT'), fm('amazon.titan-embed-text-v2:0', 'EMBEDDING', { responseStreamingSupported: false }), fm('amazon.nova-canvas-v1:0', 'IMAGE')],
  profiles: [
    {
      inferenceProfileId: 'us.amazon.titan-embed-text-v2:0',
      inferenceProfileArn: 'arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.amazon.titan-embed-text-v2:0',
      inferenceProfileName: 'US Titan embeddings',
      models: [{ modelArn: 'arn:aws:bedrock:us-east-1::foundation-model/amazon.titan-embed-text-v2:0' }],
      type: 'SYSTEM_DEFINED',
      status: 'ACTIVE',
    },
  ],
  shipped: SHIPPED_MODELS,
  learned: {},
});
const byId = (id: string) => descriptors.find((d) => d.id === id)!;

describe('modelPlans: the routes shown for a model', () => {
  const planned: PlanRequest[] = [];
  const router = {
    plan(req: PlanRequest): RoutePlan {
      planned.push(req);
      if (req.modelId === 'amazon.nova-canvas-v1:0') throw new Error('no route');
      return { task: req.task, steps: [], reasons: [] } as unknown as RoutePlan;
    },
  };

  it('plans chat (streaming) for a chat model and embeddings for an embedding model, nothing else', () => {
    planned.length = 0;
    const chat = modelPlans(router, byId('amazon.nova-lite-v1:0'), () => assert.fail('no warning expected'));
    assert.ok(chat.chat && !chat.embed);
    const embed = modelPlans(router, byId('amazon.titan-embed-text-v2:0'), () => assert.fail('no warning expected'));
    assert.ok(embed.embed && !embed.chat);
    assert.deepEqual(planned, [
      { modelId: 'amazon.nova-lite-v1:0', task: 'chat', features: { streaming: true } },
      { modelId: 'amazon.titan-embed-text-v2:0', task: 'embed', features: { streaming: false } },
    ]);
  });

  it('a plan the router refuses is left out and named in a warning', () => {
    const warnings: string[] = [];
    const d = { ...byId('amazon.nova-lite-v1:0'), id: 'amazon.nova-canvas-v1:0' };
    assert.deepEqual(modelPlans(router, d, (m) => warnings.push(m)), { chat: undefined, embed: undefined });
    assert.deepEqual(warnings, ['No chat plan for amazon.nova-canvas-v1:0: no route']);
  });
});

describe('model filters for the pickers', () => {
  it('the chat candidates are the chat models, with their names', () => {
    const ids = chatModelCandidates(descriptors).map((c) => c.id);
    assert.ok(ids.includes('amazon.nova-lite-v1:0'));
    assert.ok(!ids.includes('amazon.titan-embed-text-v2:0') && !ids.includes('amazon.nova-canvas-v1:0'));
    assert.equal(chatModelCandidates(descriptors).find((c) => c.id === 'amazon.nova-lite-v1:0')?.label, byId('amazon.nova-lite-v1:0').name);
  });

  it('the embedding picker lists each embedding model once, not its profiles', () => {
    assert.deepEqual(
      embeddingPickerModels(descriptors).map((d) => d.id),
      ['amazon.titan-embed-text-v2:0'],
    );
  });
});
