// Credentials go only where the user sent them: the real SDK clients (control over HTTP/1.1, runtime
// over HTTP/2) and the compatible endpoints, pointed at a host the policy does not know. The emulator
// records every request that reaches it, so "refused" is proven by an empty request log, and the
// trusted runs prove the same URL really does reach it when the user says yes.
//
// The foreign host is http://0.0.0.0:<port>: not loopback by name (so the policy refuses it), yet
// on Linux a connection to 0.0.0.0 lands on local listeners, so the emulator answers when it is sent.
import assert from 'node:assert/strict';
import { ListFoundationModelsCommand } from '@aws-sdk/client-bedrock';
import { ConverseStreamCommand } from '@aws-sdk/client-bedrock-runtime';
import { BedrockError } from '../../src/core/bedrock/errors/classifiedError';
import type { EndpointTrust, TrustQuestion } from '../../src/core/bedrock/connection/endpointGuard';
import { chat, collect, errorOf, makeRig, startEmulator, textOf, type Rig } from './router/routerHarness';
import type { EmulatorHandle } from '../emulator/emulator';

const GPT_OSS = 'openai.gpt-oss-120b-1:0';
const CLAUDE = 'us.anthropic.claude-sonnet-4-20250514-v1:0';
const API_KEY = 'ABSK-guard-marker-key';

/** The user's answers. A modal cannot be clicked in plain node; this stands in for the person. */
class ScriptedTrust implements EndpointTrust {
  readonly asked: TrustQuestion[] = [];
  readonly trusted = new Set<string>();
  constructor(public answer: boolean) {}
  isTrusted(origin: string): boolean {
    return this.trusted.has(origin);
  }
  async confirm(q: TrustQuestion): Promise<boolean> {
    this.asked.push(q);
    if (this.answer) this.trusted.add(q.origin);
    return this.answer;
  }
}

function assertRefused(err: unknown, setting: string, host: string): void {
  assert.ok(err instanceof BedrockError, `a BedrockError, got ${String(err)}`);
  assert.equal(err.classified.kind, 'untrustedEndpoint');
  assert.ok(err.classified.message.includes(`\`${setting}\``), err.classified.message);
  assert.ok(err.classified.message.includes(host), err.classified.message);
  assert.equal(err.classified.action.id, 'trustEndpoint');
}

describe('endpoint guard: credentials only to trusted hosts (real SDK clients, emulator)', () => {
  let emu: EmulatorHandle;
  let rig: Rig;
  let foreign: string;
  before(async () => {
    emu = await startEmulator({ seed: 3 });
    foreign = emu.url.replace('127.0.0.1', '0.0.0.0');
  });
  afterEach(() => rig?.dispose());
  after(() => emu.close());

  /** A rig whose catalog comes from the emulator on loopback, then the given endpoints take over. */
  async function rigWith(endpoints: { control?: string; runtime?: string; mantle?: string }, auth: 'sigv4' | 'bearer', trust?: EndpointTrust): Promise<Rig> {
    rig = await makeRig(emu, auth === 'bearer' ? { apiKey: API_KEY } : {});
    rig.connection.update({ ...rigSettings(auth), endpoints: { control: emu.url, runtime: emu.url, mantle: emu.url, ...endpoints } });
    rig.connection.setEndpointTrust(trust);
    emu.clearRequests();
    return rig;
  }
  const rigSettings = (auth: 'sigv4' | 'bearer') => ({
    region: 'us-east-1',
    staticCredentials: { accessKeyId: 'AKIDGUARDMARKER00000', secretAccessKey: 'guard-secret' },
    maxAttempts: 1,
    ...(auth === 'bearer' ? { apiKey: API_KEY } : {}),
  });

  for (const auth of ['sigv4', 'bearer'] as const) {
    describe(`with ${auth}`, () => {
      it('control plane: the SDK client refuses before signing; zero requests arrive', async () => {
        await rigWith({ control: foreign }, auth);
        const client = await rig.connection.control();
        await assert.rejects(client.send(new ListFoundationModelsCommand({})), (e) => (assertRefused(e, 'bedrock.endpoints.control', '0.0.0.0'), true));
        assert.deepEqual(emu.requests, []);
      });

      it('runtime over HTTP/2: ConverseStream refused; zero requests arrive', async () => {
        await rigWith({ runtime: foreign }, auth);
        const client = await rig.connection.runtime();
        const send = client.send(new ConverseStreamCommand({ modelId: CLAUDE, messages: [{ role: 'user', content: [{ text: 'hi' }] }] }));
        await assert.rejects(send, (e) => (assertRefused(e, 'bedrock.endpoints.runtime', '0.0.0.0'), true));
        assert.deepEqual(emu.requests, []);
      });

      it('compatible routes (runtime /openai and mantle): the turn ends in the refusal; zero requests arrive', async () => {
        await rigWith({ runtime: foreign, mantle: foreign }, auth);
        const viaRuntime = errorOf(await collect(rig.router.stream(chat(GPT_OSS), undefined, { api: 'chat-completions' })));
        assert.equal(viaRuntime?.error.kind, 'untrustedEndpoint');
        const viaMantle = errorOf(await collect(rig.router.stream(chat(GPT_OSS), undefined, { api: 'responses' })));
        assert.equal(viaMantle?.error.kind, 'untrustedEndpoint');
        assert.match(viaMantle!.error.message, /0\.0\.0\.0.*`bedrock\.endpoints\.mantle`/);
        assert.deepEqual(emu.requests, []);
      });

      it('once the user trusts the origin, the same URL is reached with the credentials (HTTP/2 on runtime)', async () => {
        const trust = new ScriptedTrust(true);
        await rigWith({ control: foreign, runtime: foreign, mantle: foreign }, auth, trust);
        const events = await collect(rig.router.stream(chat(CLAUDE)));
        assert.ok(textOf(events).length > 0, JSON.stringify(errorOf(events)));
        await (await rig.connection.control()).send(new ListFoundationModelsCommand({}));
        assert.deepEqual(emu.requests.map((r) => [r.route, r.httpVersion, r.auth.kind]), [
          ['ConverseStream', '2', auth],
          ['ListFoundationModels', '1.1', auth],
        ]);
        if (auth === 'bearer') assert.equal(emu.requests[0].auth.token, API_KEY);
        assert.deepEqual(trust.asked, [{ origin: foreign, setting: 'bedrock.endpoints.runtime', cleartext: true }], 'asked once per origin');
      });
    });
  }

  it('concurrent requests share one question; a declined origin is not asked again until settings change', async () => {
    const trust = new ScriptedTrust(false);
    await rigWith({ control: foreign }, 'sigv4', trust);
    const client = await rig.connection.control();
    const results = await Promise.allSettled([1, 2, 3].map(() => client.send(new ListFoundationModelsCommand({}))));
    assert.deepEqual(results.map((r) => r.status), ['rejected', 'rejected', 'rejected']);
    assert.equal(trust.asked.length, 1);
    await assert.rejects(client.send(new ListFoundationModelsCommand({})), BedrockError);
    assert.equal(trust.asked.length, 1, 'declined: not asked again');
    assert.deepEqual(emu.requests, []);

    trust.answer = true;
    rig.connection.update({ ...rigSettings('sigv4'), endpoints: { control: foreign } });
    await (await rig.connection.control()).send(new ListFoundationModelsCommand({}));
    assert.equal(trust.asked.length, 2, 'asked again after the settings changed');
    assert.equal(emu.requests.length, 1);
  });

  it('a revoked origin is refused on the very next request of an existing client', async () => {
    const trust = new ScriptedTrust(true);
    await rigWith({ control: foreign }, 'sigv4', trust);
    const client = await rig.connection.control();
    await client.send(new ListFoundationModelsCommand({}));
    trust.trusted.clear();
    trust.answer = false;
    await assert.rejects(client.send(new ListFoundationModelsCommand({})), (e) => (assertRefused(e, 'bedrock.endpoints.control', foreign), true));
    assert.equal(emu.requests.length, 1);
  });

  it('no trust hook at all (plain core use): refused, nothing sent', async () => {
    await rigWith({ mantle: foreign }, 'bearer');
    await assert.rejects(
      rig.connection.authHeaders('mantle', { method: 'POST', url: `${foreign}/v1/responses`, headers: {}, body: '{}' }),
      (e) => (assertRefused(e, 'bedrock.endpoints.mantle', foreign), true),
    );
  });

  it('an Amazon Bedrock host of the configured region passes without asking', async () => {
    rig = await makeRig(emu);
    rig.connection.update({ ...rigSettings('bearer'), region: 'eu-west-3' });
    const h = await rig.connection.authHeaders('mantle', { method: 'POST', url: 'https://bedrock-mantle.eu-west-3.api.aws/v1/responses', headers: {}, body: '{}' });
    assert.deepEqual(h, { authorization: `Bearer ${API_KEY}` });
  });
});
