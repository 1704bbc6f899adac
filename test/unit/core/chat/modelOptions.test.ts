import assert from 'node:assert/strict';
import { shippedDescriptor } from '../../../../src/core/bedrock/catalog/catalogBuild';
import { planRoute } from '../../../../src/core/bedrock/routing/routePlanner';
import type { RoutePlan } from '../../../../src/core/bedrock/routing/routePlan';
import { SHIPPED_MODELS } from '../../../../src/core/bedrock/catalog/shippedCapabilities.generated';
import { pinnableApis, toModelOption } from '../../../../src/core/chat/modelOptions';

describe('model options: pinnable APIs come from the router’s plan', () => {
  const ctx = { region: 'us-east-1', mantle: true };
  const planFor = (id: string) => planRoute({ modelId: id, task: 'chat', features: { streaming: true } }, shippedDescriptor(id, SHIPPED_MODELS), ctx);

  it('a model whose capabilities are unknown offers what the router would try, not only auto', () => {
    const d = shippedDescriptor('brandnew.model-v1', SHIPPED_MODELS);
    assert.ok(Object.values(d.apis).every((a) => a.supported === null));
    assert.deepEqual(toModelOption(d, planFor).apis, ['converse', 'chat-completions']);
  });

  it('one choice per API family and per API on two hosts, in the plan’s order', () => {
    const step = (api: RoutePlan['steps'][number]['api'], endpoint: 'runtime' | 'mantle' = 'runtime') => ({ api, endpoint, target: 'm', reason: '', adjustments: {} });
    const plan: RoutePlan = {
      request: { modelId: 'm', task: 'chat', features: {} },
      baseModelId: 'm',
      notes: [],
      steps: [step('converse-stream'), step('converse'), step('invoke-stream'), step('messages'), step('messages', 'mantle'), step('responses', 'mantle')],
    };
    assert.deepEqual(pinnableApis(plan), ['converse', 'invoke', 'messages', 'responses']);
  });
});
