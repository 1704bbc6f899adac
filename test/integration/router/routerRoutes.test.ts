// Which host and which id form each compatible API gets: Responses and Messages on bedrock-runtime,
// mantle's own model list and ids, mantle's path prefix learned with one retry, and ids a host
// does not know falling through to the next step — asserted from the emulator's request log.
import assert from 'node:assert/strict';
import type { ApiId } from '../../../src/core/bedrock/catalog/apiId';
import { chat, collect, errorOf, makeRig, routesOf, startEmulator, textOf, useEmulatorRig, type Rig } from './routerHarness';
import type { EmulatorHandle } from '../../emulator/emulator';
import { learnedKey } from '../../../src/core/storageKeys';
import { LearnedCapabilities } from '../../../src/core/bedrock/routing/learnedCapabilities';
import { Router } from '../../../src/core/bedrock/routing/router';

type J = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const REPLY = 'Hello there friend';
const REGION = 'us-east-1';
const SOL = 'openai.gpt-6.1-sol';
const OSS = 'openai.gpt-oss-120b-1:0';
const HAIKU = 'anthropic.claude-haiku-4-5-20251001-v1:0';
const FRONTIER = 'openai.gpt-5.5';

describe('router: runtime and mantle routes, id forms (emulator)', function () {
  const t = useEmulatorRig({ scenario: { defaults: { text: REPLY } } }, {}, ({ rig }) => rig.learned.clear(REGION));

  function forbid(modelId: string, ...apis: ApiId[]) {
    for (const api of apis) t.rig.learned.learn(REGION, modelId, { api: [api, false, 'test: forced'] });
  }

  it('Responses on bedrock-runtime with the cross-Region profile', async () => {
    forbid(SOL, 'converse', 'converse-stream', 'invoke', 'invoke-stream', 'chat-completions');
    const ev = await collect(t.rig.router.stream(chat(SOL, { system: 'Be brief' })));
    assert.equal(errorOf(ev), undefined, JSON.stringify(errorOf(ev)));
    assert.deepEqual(routesOf(ev), [`responses@runtime:us.${SOL}`]);
    const r = t.emu.requests.at(-1)!;
    assert.deepEqual([r.route, r.service, r.path, r.auth.signingName], ['Responses', 'bedrock-runtime', '/openai/v1/responses', 'bedrock']);
    const body = r.body as J;
    assert.equal(body.model, `us.${SOL}`);
    assert.equal(body.stream, true);
    assert.equal(body.instructions, 'Be brief');
    assert.equal(body.background, undefined, 'bedrock-runtime runs Responses synchronously');
    assert.equal(textOf(ev), REPLY);
    const step = t.rig.router.plan({ modelId: SOL, task: 'chat', features: { streaming: true } }).steps[0];
    assert.match(step.reason, /Responses on bedrock-runtime .*cross-Region profile/);
  });

  it('Responses for a model without a cross-Region profile go to mantle, with mantle’s id', async () => {
    forbid(OSS, 'converse', 'converse-stream', 'invoke', 'invoke-stream', 'chat-completions');
    const ev = await collect(t.rig.router.stream(chat(OSS)));
    assert.deepEqual(routesOf(ev), ['responses@mantle:openai.gpt-oss-120b']);
    assert.deepEqual(compatCalls(t.emu), ['Responses bedrock-mantle /v1/responses openai.gpt-oss-120b']);
    assert.equal(textOf(ev), REPLY);
  });

  it('Messages on bedrock-runtime with the profile; refused there, mantle with its in-Region id, remembered per host', async () => {
    forbid(HAIKU, 'converse', 'converse-stream', 'invoke', 'invoke-stream');
    const first = await collect(t.rig.router.stream(chat(HAIKU, { system: 'Be brief' })));
    assert.deepEqual(routesOf(first), [`messages@runtime:us.${HAIKU}`]);
    const r = t.emu.requests.at(-1)!;
    assert.deepEqual([r.route, r.service, r.path, r.headers['anthropic-version']], ['Messages', 'bedrock-runtime', '/anthropic/v1/messages', '2023-06-01']);
    assert.equal((r.body as J).model, `us.${HAIKU}`);
    assert.equal(textOf(first), REPLY);

    t.emu.clearRequests();
    t.emu.fault({ kind: 'validation', route: 'Messages', message: `model us.${HAIKU} isn't supported on this route` });
    const second = await collect(t.rig.router.stream(chat(HAIKU)));
    assert.equal(textOf(second), REPLY);
    assert.deepEqual(compatCalls(t.emu), [`Messages bedrock-runtime /anthropic/v1/messages us.${HAIKU}`, 'Messages bedrock-mantle /anthropic/v1/messages anthropic.claude-haiku-4-5-20251001']);
    const learned = t.rig.learned.get(REGION, HAIKU)?.apis?.messages;
    assert.deepEqual([learned?.supported, learned?.endpoint], [false, 'runtime']);
    // Next time straight to mantle; the explorer still shows Messages as supported.
    assert.deepEqual(t.rig.router.plan({ modelId: HAIKU, task: 'chat', features: { streaming: true } }).steps.map((s) => `${s.api}@${s.endpoint}`), ['messages@mantle']);
    assert.notEqual(t.rig.catalog.describe(HAIKU)?.apis.messages.supported, false);
  });

  it('lists mantle-only models in the catalog and chats with one, learning its path prefix with one retry', async () => {
    const d = t.rig.catalog.describe(FRONTIER);
    assert.ok(d?.mantleOnly, 'a model only mantle lists is in the catalog');
    assert.equal(d.provider, 'OpenAI');
    assert.equal(d.name, 'GPT-5.5', 'mantle lists ids only: the name comes from the shipped table');
    assert.equal(t.rig.catalog.describe(OSS)?.mantleId, 'openai.gpt-oss-120b');
    assert.equal(t.rig.catalog.mantleError, undefined);

    const ev = await collect(t.rig.router.stream(chat(FRONTIER)));
    assert.equal(errorOf(ev), undefined, JSON.stringify(errorOf(ev)));
    assert.equal(textOf(ev), REPLY);
    assert.deepEqual(compatCalls(t.emu), [
      `ChatCompletions bedrock-mantle /v1/chat/completions ${FRONTIER}`,
      `ChatCompletions bedrock-mantle /openai/v1/chat/completions ${FRONTIER}`,
    ]);
    assert.equal(t.rig.learned.get(REGION, FRONTIER)?.mantlePrefix, '/openai/v1');

    t.emu.clearRequests();
    await collect(t.rig.router.stream(chat(FRONTIER)));
    assert.deepEqual(compatCalls(t.emu), [`ChatCompletions bedrock-mantle /openai/v1/chat/completions ${FRONTIER}`]);
  });
});

describe('router: mantle list unavailable, ids the runtime does not know (emulator)', function () {
  let emu: EmulatorHandle;
  let rig: Rig;

  before(async () => {
    emu = await startEmulator({ scenario: { defaults: { text: REPLY } } });
    emu.fault({ kind: 'accessDenied', route: 'ListModels' });
    rig = await makeRig(emu);
  });
  after(async () => {
    rig.dispose();
    await emu.close();
  });

  it('a 403 on mantle’s list leaves the rest of the catalog fresh, and says why', () => {
    assert.equal(rig.catalog.state, 'fresh');
    assert.equal(rig.catalog.mantleError?.kind, 'modelNotEnabled');
    assert.ok(rig.catalog.descriptors.some((d) => d.id === OSS));
    assert.equal(rig.catalog.describe(FRONTIER)?.listed, false, 'mantle-only models are unknown without the list');
  });

  it('"The provided model identifier is invalid." falls through to mantle, and the region remembers', async () => {
    emu.clearRequests();
    const ev = await collect(rig.router.stream(chat(FRONTIER)));
    assert.equal(errorOf(ev), undefined, JSON.stringify(errorOf(ev)));
    assert.equal(textOf(ev), REPLY);
    assert.deepEqual(compatCalls(emu), [
      `ConverseStream bedrock-runtime /model/openai.gpt-5.5/converse-stream ${FRONTIER}`,
      `ChatCompletions bedrock-mantle /v1/chat/completions ${FRONTIER}`,
      `ChatCompletions bedrock-mantle /openai/v1/chat/completions ${FRONTIER}`,
    ]);
    const learned = rig.learned.get(REGION, FRONTIER);
    assert.match(learned?.unknownTo?.runtime?.note ?? '', /model identifier is invalid/);
    assert.equal(learned?.mantlePrefix, '/openai/v1');
    // Persisted per region: a new router reading the same store goes straight to mantle.
    assert.ok(rig.store.get<{ models: Record<string, unknown> }>(learnedKey(REGION))?.models[FRONTIER]);
    const fresh = new Router({ connection: rig.connection, directory: rig.catalog, learned: new LearnedCapabilities(rig.store), idleTimeoutSeconds: 5 });
    emu.clearRequests();
    await collect(fresh.stream(chat(FRONTIER)));
    assert.deepEqual(compatCalls(emu), [`ChatCompletions bedrock-mantle /openai/v1/chat/completions ${FRONTIER}`]);
  });
});

function compatCalls(emu: EmulatorHandle): string[] {
  return emu.requests.filter((r) => ['ChatCompletions', 'Responses', 'Messages', 'ConverseStream'].includes(r.route)).map((r) => `${r.route} ${r.service} ${r.path} ${r.modelId}`);
}
