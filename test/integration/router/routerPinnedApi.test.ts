// The chat panel's API override: a pinned API is the one the request goes through.
import assert from 'node:assert/strict';
import { pinToApi } from '../../../src/core/bedrock/routing/router';
import { chatModelOptions } from '../../../src/core/chat/modelOptions';
import type { RoutePlan } from '../../../src/core/bedrock/routing/routePlan';
import { chat, collect, routesOf, textOf, useEmulatorRig } from './routerHarness';

const HAIKU = 'anthropic.claude-3-haiku-20240307-v1:0';

describe('router: pinned API (chat panel override)', () => {
  const t = useEmulatorRig({ scenario: { defaults: { text: 'pinned reply' } } });

  it('keeps only the pinned family, streaming variant included, and says so in the reason', () => {
    const step = (api: RoutePlan['steps'][number]['api']) => ({ api, endpoint: 'runtime' as const, target: HAIKU, reason: 'r', adjustments: {} });
    const plan: RoutePlan = { request: { modelId: HAIKU, task: 'chat', features: {} }, baseModelId: HAIKU, notes: [], steps: [step('converse-stream'), step('invoke-stream'), step('messages')] };
    assert.deepEqual(pinToApi(plan, 'invoke').steps.map((s) => s.api), ['invoke-stream']);
    assert.match(pinToApi(plan, 'converse').steps[0].reason, /^pinned by you/);
    const unknown = pinToApi(plan, 'responses');
    assert.equal(unknown.steps.length, 3);
    assert.match(unknown.notes.at(-1)!, /responses was requested/);
  });

  it('a request pinned to InvokeModel goes to invoke-with-response-stream, not ConverseStream', async () => {
    t.emu.clearRequests();
    const ev = await collect(t.rig.router.stream(chat(HAIKU), undefined, { api: 'invoke' }));
    assert.deepEqual(routesOf(ev).map((r) => r.split('@')[0]), ['invoke-stream']);
    assert.equal(textOf(ev), 'pinned reply');
    assert.deepEqual(t.emu.requests.map((r) => r.route), ['InvokeModelWithResponseStream']);
  });
  it('the picker offers every API in the plan, also for a model nobody has described, and each pin works', async () => {
    const plan = (modelId: string) => t.rig.router.plan({ modelId, task: 'chat', features: { streaming: true } });
    const options = chatModelOptions(t.rig.catalog.descriptors, plan);
    // Only mantle lists it and no table row says what it speaks: before, this offered "auto" only.
    const frontier = options.find((o) => o.id === 'openai.gpt-5.5');
    assert.deepEqual(frontier?.apis, ['chat-completions', 'responses']);
    const sol = options.find((o) => o.id === 'openai.gpt-6.1-sol');
    // Streaming and non-streaming variants are one choice; an API on two hosts is one choice.
    assert.deepEqual(sol?.apis, ['converse', 'chat-completions', 'responses']);
    t.emu.clearRequests();
    const ev = await collect(t.rig.router.stream(chat('openai.gpt-5.5'), undefined, { api: 'responses' }));
    assert.equal(textOf(ev), 'pinned reply');
    assert.deepEqual(
      t.emu.requests.filter((r) => r.route === 'Responses').map((r) => `${r.service} ${(r.body as { model?: string }).model}`),
      ['bedrock-mantle openai.gpt-5.5', 'bedrock-mantle openai.gpt-5.5'],
      'the other path prefix once',
    );
    assert.ok(routesOf(ev).every((r) => r.startsWith('responses@mantle')));
  });
});
