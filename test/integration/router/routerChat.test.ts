// Round trips through the router with the real SDK clients against the emulator: one per API path
// and per Invoke family, asserting what the emulator recorded and the unified events produced.
import assert from 'node:assert/strict';
import type { ApiId } from '../../../src/core/bedrock/catalog/apiId';
import type { ChatEvent } from '../../../src/core/bedrock/adapters/chatEvent';
import { chat, collect, errorOf, makeRig, routesOf, startEmulator, textOf, useEmulatorRig } from './routerHarness';

type J = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const REPLY = 'Hello there friend';

describe('router: API paths and model families (emulator)', function () {
  const t = useEmulatorRig({ scenario: { defaults: { text: REPLY } } });

  /** Makes the planner skip APIs, as if the service had said they are unsupported. */
  function forbid(modelId: string, ...apis: ApiId[]) {
    for (const api of apis) t.rig.learned.learn('us-east-1', modelId, { api: [api, false, 'test: forced'] });
  }
  const last = () => t.emu.requests[t.emu.requests.length - 1];
  const stops = (ev: ChatEvent[]) => ev.filter((e) => e.type === 'stop');

  it('ConverseStream: SigV4 signed for bedrock, Converse body, unified events', async () => {
    const ev = await collect(t.rig.router.stream(chat('amazon.nova-micro-v1:0', { system: 'Be brief', temperature: 0.2 })));
    assert.deepEqual(routesOf(ev), ['converse-stream@runtime:amazon.nova-micro-v1:0']);
    assert.equal(textOf(ev), REPLY);
    assert.equal(stops(ev).length, 1);
    assert.ok(ev.some((e) => e.type === 'usage' && (e.outputTokens ?? 0) > 0));
    const r = last();
    assert.equal(r.route, 'ConverseStream');
    assert.equal(r.path, '/model/amazon.nova-micro-v1%3A0/converse-stream');
    assert.equal(r.auth.kind, 'sigv4');
    assert.equal(r.auth.signingName, 'bedrock');
    assert.equal(r.httpVersion, '2');
    const body = r.body as J;
    assert.deepEqual(body.system, [{ text: 'Be brief' }]);
    assert.deepEqual(body.messages, [{ role: 'user', content: [{ text: 'Say hello' }] }]);
    assert.equal(body.inferenceConfig.temperature, 0.2);
  });

  it('Converse (non-streaming) when the caller asks for no stream', async () => {
    const ev = await collect(t.rig.router.stream(chat('amazon.nova-lite-v1:0', { stream: false })));
    assert.equal(last().route, 'Converse');
    assert.equal(textOf(ev), REPLY);
  });

  it('profile-only model: sends the regional profile listed for the region, not the bare id', async () => {
    const id = 'anthropic.claude-sonnet-4-20250514-v1:0';
    const plan = t.rig.router.plan({ modelId: id, task: 'chat', features: { streaming: true } });
    assert.equal(plan.steps[0].target, `us.${id}`);
    assert.match(plan.steps[0].reason, /regional profile/);
    const ev = await collect(t.rig.router.stream(chat(id)));
    assert.equal(textOf(ev), REPLY);
    assert.equal(last().modelId, `us.${id}`);
  });

  it('accepts profile ARNs and application profiles', async () => {
    const app = t.rig.catalog.descriptors.find((d) => d.kind === 'applicationProfile');
    assert.ok(app, 'emulator lists an application profile');
    assert.ok(app.baseModelId, 'base model resolved');
    const ev = await collect(t.rig.router.stream(chat(app.id)));
    assert.equal(textOf(ev), REPLY);
    assert.equal(last().modelId, app.id);
  });

  const families: Array<[string, string, (b: J) => void]> = [
    ['anthropic.claude-3-haiku-20240307-v1:0', 'anthropic', (b) => assert.equal(b.anthropic_version, 'bedrock-2023-05-31')],
    ['amazon.nova-micro-v1:0', 'nova', (b) => assert.equal(b.schemaVersion, 'messages-v1')],
    ['meta.llama3-8b-instruct-v1:0', 'llama', (b) => assert.match(b.prompt, /<\|start_header_id\|>user/)],
    ['mistral.mistral-7b-instruct-v0:2', 'mistralText', (b) => assert.match(b.prompt, /\[INST\]/)],
    ['mistral.mistral-large-2402-v1:0', 'mistralChat', (b) => assert.ok(Array.isArray(b.messages))],
    ['cohere.command-r-v1:0', 'cohereCommand', (b) => assert.equal(b.message, 'Say hello')],
    ['ai21.jamba-1-5-mini-v1:0', 'jamba', (b) => assert.ok(Array.isArray(b.messages))],
    ['deepseek.r1-v1:0', 'deepseek', (b) => assert.match(b.prompt, /<think>\n$/)],
    ['openai.gpt-oss-20b-1:0', 'openai', (b) => assert.ok(Array.isArray(b.messages))],
  ];
  for (const [id, family, checkBody] of families) {
    for (const streaming of [true, false]) {
      it(`InvokeModel${streaming ? 'WithResponseStream' : ''}: ${family} body (${id})`, async () => {
        forbid(id, 'converse', 'converse-stream');
        try {
          const ev = await collect(t.rig.router.stream(chat(id, { stream: streaming })));
          assert.equal(errorOf(ev), undefined, JSON.stringify(errorOf(ev)));
          const r = last();
          assert.equal(r.route, streaming ? 'InvokeModelWithResponseStream' : 'InvokeModel');
          checkBody(r.body as J);
          const text = textOf(ev);
          assert.ok(text.includes(REPLY), `text was ${JSON.stringify(text)}`);
          assert.equal(stops(ev).length, 1);
          if (family === 'deepseek') assert.ok(ev.some((e) => e.type === 'reasoning'), 'inline <think> became reasoning');
        } finally {
          t.rig.learned.clear('us-east-1');
        }
      });
    }
  }

  it('Chat Completions on runtime /openai/v1 (gpt-oss)', async () => {
    const id = 'openai.gpt-oss-20b-1:0';
    forbid(id, 'converse', 'converse-stream', 'invoke', 'invoke-stream');
    try {
      const ev = await collect(t.rig.router.stream(chat(id, { system: 'Be brief' })));
      assert.deepEqual(routesOf(ev)[0], `chat-completions@runtime:${id}`);
      const r = last();
      assert.equal(r.path, '/openai/v1/chat/completions');
      assert.equal(r.auth.signingName, 'bedrock');
      const body = r.body as J;
      assert.equal(body.model, id);
      assert.equal(body.stream, true);
      assert.equal(body.messages[0].role, 'system');
      assert.ok(textOf(ev).includes(REPLY));
    } finally {
      t.rig.learned.clear('us-east-1');
    }
  });

  it('Chat Completions on mantle, signed for bedrock-mantle', async () => {
    const ev = await collect(t.rig.router.stream(chat('xai.grok-4.3')));
    assert.deepEqual(routesOf(ev), ['chat-completions@mantle:xai.grok-4.3']);
    const r = last();
    assert.equal(r.path, '/v1/chat/completions');
    assert.equal(r.auth.signingName, 'bedrock-mantle');
    assert.equal(textOf(ev), REPLY);
    assert.ok(ev.some((e) => e.type === 'usage'));
  });

  it('Responses on mantle (streaming and not)', async () => {
    const id = 'xai.grok-4.3';
    forbid(id, 'chat-completions');
    try {
      for (const stream of [true, false]) {
        const ev = await collect(t.rig.router.stream(chat(id, { system: 'Be brief', stream })));
        assert.deepEqual(routesOf(ev), [`responses@mantle:${id}`]);
        const r = last();
        assert.equal(r.path, '/v1/responses');
        assert.equal((r.body as J).instructions, 'Be brief');
        assert.equal(textOf(ev), REPLY);
        assert.equal(stops(ev).length, 1);
      }
    } finally {
      t.rig.learned.clear('us-east-1');
    }
  });

  it('Anthropic Messages on mantle with anthropic-version and model in the body', async () => {
    const id = 'anthropic.claude-mythos-preview';
    const ev = await collect(t.rig.router.stream(chat(id, { system: 'Be brief' })));
    assert.deepEqual(routesOf(ev), [`messages@mantle:${id}`]);
    const r = last();
    assert.equal(r.path, '/anthropic/v1/messages');
    assert.equal(r.headers['anthropic-version'], '2023-06-01');
    assert.equal((r.body as J).model, id);
    assert.equal((r.body as J).system, 'Be brief');
    assert.equal(textOf(ev), REPLY);
  });

  it('tool calls and signed reasoning come through as unified events', async () => {
    const emu2 = await startEmulator({
      scenario: { defaults: { text: 'done', reasoning: { text: 'thinking it over', signature: 'sig-123' }, toolCalls: [{ name: 'get_weather', input: { city: 'Paris' } }] } },
    });
    const rig2 = await makeRig(emu2);
    try {
      const ev = await collect(
        rig2.router.stream(chat('anthropic.claude-3-haiku-20240307-v1:0', { tools: [{ name: 'get_weather', inputSchema: { type: 'object', properties: { city: { type: 'string' } } } }] })),
      );
      const tool = ev.find((e) => e.type === 'toolCall');
      assert.deepEqual(tool && tool.type === 'toolCall' ? [tool.name, tool.input] : undefined, ['get_weather', { city: 'Paris' }]);
      const reasoning = ev.filter((e) => e.type === 'reasoning');
      assert.equal(reasoning.map((e) => (e.type === 'reasoning' ? e.text : '')).join(''), 'thinking it over');
      assert.ok(reasoning.some((e) => e.type === 'reasoning' && e.signature === 'sig-123'));
    } finally {
      rig2.dispose();
      await emu2.close();
    }
  });

  it('a Bedrock API key from SecretStorage is sent as a bearer token, on runtime and mantle', async () => {
    const keyed = await makeRig(t.emu, { apiKey: 'ABSKexamplekey1234567890', staticCredentials: undefined });
    try {
      await collect(keyed.router.stream(chat('amazon.nova-micro-v1:0')));
      await collect(keyed.router.stream(chat('xai.grok-4.3')));
      const runtime = t.emu.requests.find((r) => r.route === 'ConverseStream')!;
      const mantle = t.emu.requests.find((r) => r.route === 'ChatCompletions')!;
      for (const r of [runtime, mantle, t.emu.requests.find((x) => x.route === 'ListFoundationModels')!]) {
        assert.equal(r.auth.kind, 'bearer', r.route);
        assert.equal(r.headers.authorization, 'Bearer ABSKexamplekey1234567890');
        assert.equal(r.headers['x-amz-date'], undefined);
      }
    } finally {
      keyed.dispose();
    }
  });

  it('AWS_BEARER_TOKEN_BEDROCK is sent as a bearer token', async () => {
    const keyed = await makeRig(t.emu, {}, { AWS_BEARER_TOKEN_BEDROCK: 'bedrock-api-key-envtoken' });
    try {
      assert.equal(keyed.connection.info.auth, 'apiKeyEnv');
      await collect(keyed.router.stream(chat('amazon.nova-micro-v1:0')));
      const r = t.emu.requests.find((x) => x.route === 'ConverseStream')!;
      assert.equal(r.auth.kind, 'bearer');
      assert.equal(r.headers.authorization, 'Bearer bedrock-api-key-envtoken');
    } finally {
      keyed.dispose();
    }
  });
});
