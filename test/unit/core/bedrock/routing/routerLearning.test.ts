// What the router learns from the service's refusals, and how the next plan uses it. The adapters
// are scripted (no network); the connection is a fake whose SDK client is never reached, cast to
// the router's connection type because the router only reads its region and endpoints here.
import * as assert from 'node:assert/strict';
import type { AdapterCall, ChatAdapter } from '../../../../../src/core/bedrock/adapters/chatAdapter';
import type { ChatEvent } from '../../../../../src/core/bedrock/adapters/chatEvent';
import type { ChatRequest } from '../../../../../src/core/bedrock/adapters/chatRequest';
import type { BedrockConnection } from '../../../../../src/core/bedrock/connection/connection';
import { BedrockError, errorAction, type FallbackHint } from '../../../../../src/core/bedrock/errors/classifiedError';
import { LearnedCapabilities } from '../../../../../src/core/bedrock/routing/learnedCapabilities';
import { createChatAdapters, Router } from '../../../../../src/core/bedrock/routing/router';
import type { RouteStep } from '../../../../../src/core/bedrock/routing/routePlan';
import { MemoryStore } from '../../../../../src/core/keyValueStore';
import { fakeConnection } from '../adapters/fakeConnection';
import { descriptorsOf, foundationModel } from '../catalog/catalogInputs';

const NOVA = 'amazon.nova-lite-v1:0';
const descriptors = descriptorsOf([foundationModel(NOVA, { modelName: 'Nova Lite', providerName: 'Amazon' })]);

const ok: AdapterCall = {
  events: ['ok'],
  map: (_raw, out) => {
    out.push({ type: 'text', text: 'ok' }, { type: 'stop', reason: 'end_turn' });
  },
};

function setup(refuseOnce: FallbackHint) {
  const seen: Array<{ req: ChatRequest; step: RouteStep }> = [];
  const adapter: ChatAdapter = {
    apis: ['converse', 'converse-stream', 'invoke', 'invoke-stream', 'chat-completions', 'responses', 'messages'],
    start: async (req, step) => {
      seen.push({ req, step });
      if (seen.length === 1) throw new BedrockError({ kind: 'validation', message: 'Refused.', action: errorAction('none'), fallback: refuseOnce });
      return ok;
    },
  };
  const connection = Object.assign(fakeConnection(() => assert.fail('nothing reaches the SDK')), {
    info: { region: 'us-east-1', regionSource: 'setting' as const, auth: 'sigv4' as const, endpoints: { control: '', runtime: 'https://runtime.test', mantle: '' } },
    resetCredentials: () => undefined,
  });
  const learned = new LearnedCapabilities(new MemoryStore());
  const router = new Router({
    connection: connection as unknown as BedrockConnection,
    directory: { describe: (id) => descriptors.find((d) => d.id === id) },
    learned,
    adapters: createChatAdapters([adapter]),
  });
  return { router, learned, seen };
}

async function turn(router: Router, req: ChatRequest): Promise<ChatEvent[]> {
  const events: ChatEvent[] = [];
  for await (const e of router.stream(req)) events.push(e);
  return events;
}

const request: ChatRequest = { modelId: NOVA, system: 'Be brief.', maxTokens: 5000, messages: [{ role: 'user', content: [{ type: 'text', text: 'Hi' }] }] };

describe('Router: learned facts', () => {
  it('a refused system prompt is learned, and the next turn folds it from the start', async () => {
    const { router, learned, seen } = setup({ kind: 'noSystemPrompt' });
    const first = await turn(router, request);
    assert.ok(first.some((e) => e.type === 'stop'), 'the turn succeeds after the fallback');
    assert.equal(learned.get('us-east-1', NOVA)?.noSystemPrompt, true);
    await turn(router, request);
    assert.deepEqual(seen.map((s) => s.req.system), ['Be brief.', undefined, undefined]);
    assert.equal(seen[2].step.adjustments.foldSystem, true);
  });

  it('a stated max-tokens limit is learned and applied to the next turn', async () => {
    const { router, learned, seen } = setup({ kind: 'maxTokens', limit: 1000 });
    await turn(router, request);
    assert.equal(learned.get('us-east-1', NOVA)?.maxTokens, 1000);
    await turn(router, request);
    assert.deepEqual(seen.map((s) => s.req.maxTokens), [5000, 1000, 1000]);
  });

  it('a route the service does not serve is learned as unsupported and left out of the next plan', async () => {
    const { router, learned, seen } = setup({ kind: 'routeUnsupported' });
    await turn(router, request);
    const refused = seen[0].step.api;
    assert.equal(learned.get('us-east-1', NOVA)?.apis?.[refused]?.supported, false);
    assert.ok(!router.plan({ modelId: NOVA, task: 'chat', features: { streaming: true } }).steps.some((s) => s.api === refused));
  });
});
