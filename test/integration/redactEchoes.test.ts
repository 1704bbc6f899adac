// A service error that echoes the request's credentials back (header dumps, prose, XML, URL-encoded,
// base64), answered by the emulator over real HTTP to the real SDK clients: the router's classified
// error carries none of the marker credentials in its message or detail.
import assert from 'node:assert/strict';
import type { ClassifiedError } from '../../src/core/bedrock/errors/classifiedError';
import { secretRedactor } from '../../src/core/bedrock/errors/redact';
import type { FaultSpec } from '../emulator/faultSpec';
import { MARKER, survivingMarkers } from '../unit/core/bedrock/errors/secretEchoes';
import { chat, collect, errorOf, makeRig, startEmulator, textOf, type Rig } from './router/routerHarness';
import type { EmulatorHandle } from '../emulator/emulator';

const MODEL = 'anthropic.claude-3-haiku-20240307-v1:0';
const TOKEN_HEADER = 'x-amz-security-token';

/** Echoes as services and proxies write them, all quoting what the request carried. */
const ECHOES: Array<[string, Omit<FaultSpec, 'model'>]> = [
  ['prose + header dict (403 ExpiredToken)', { kind: 'expiredToken', message: `The security token '{header:${TOKEN_HEADER}}' is expired. Request headers: {headers}` }],
  ['XML <Token> (403 UnrecognizedClient)', { kind: 'invalidToken', message: `<Error><Code>InvalidClientTokenId</Code><Token>{header:${TOKEN_HEADER}}</Token></Error>` }],
  ['URL-encoded and base64 (400 Validation)', { kind: 'validation', message: `Malformed input request: token={header:${TOKEN_HEADER}|url} auth={header:authorization|base64}` }],
  ['canonical request (403 AccessDenied)', { kind: 'accessDenied', message: `The Canonical String for this request should have been\n'POST\n/model\n\nx-amz-security-token:{header:${TOKEN_HEADER}}\n'\nauthorization: {header:authorization}` }],
  ['mid-stream exception frame', { kind: 'exceptionAfter', afterEvents: 3, exception: 'modelStreamError', message: `stream failed for {headers}` }],
  ['500 with a header dump, retried', { kind: 'internal', count: 3, message: `internal error; request was {headers}` }],
];

describe('redaction: errors that echo the request (emulator, real SDK)', () => {
  let emu: EmulatorHandle;
  let rig: Rig;
  const markers = [MARKER.sessionToken, MARKER.secretAccessKey, MARKER.accessKeyId];

  before(async () => {
    emu = await startEmulator({ scenario: { defaults: { text: 'a reply that streams for a while before anything fails' } } });
    rig = await makeRig(emu, { staticCredentials: { accessKeyId: MARKER.accessKeyId, secretAccessKey: MARKER.secretAccessKey, sessionToken: MARKER.sessionToken } });
  });
  after(async () => {
    rig.dispose();
    await emu.close();
    secretRedactor.clear();
  });
  beforeEach(() => {
    emu.clearFaults();
    emu.clearRequests();
  });

  it('the emulator really echoes: the raw SDK error carries the marker session token', async () => {
    emu.fault({ kind: 'expiredToken', message: `The security token '{header:${TOKEN_HEADER}}' is expired` });
    const client = await rig.connection.runtime();
    const { ConverseCommand } = await import('@aws-sdk/client-bedrock-runtime');
    await assert.rejects(client.send(new ConverseCommand({ modelId: MODEL, messages: [{ role: 'user', content: [{ text: 'hi' }] }] })), (e: Error) => {
      assert.ok(e.message.includes(MARKER.sessionToken), e.message);
      return true;
    });
    assert.equal(emu.requests[0]?.headers[TOKEN_HEADER], MARKER.sessionToken);
  });

  for (const [name, spec] of ECHOES) {
    it(`${name}: the classified message and detail carry no marker`, async () => {
      emu.fault({ ...spec, model: MODEL });
      const ev = await collect(rig.router.stream(chat(MODEL)));
      const err = errorOf(ev)?.error as ClassifiedError | undefined;
      assert.ok(err, `the turn failed (got: ${textOf(ev)})`);
      assert.ok(emu.requests.some((r) => r.fault), 'the fault fired');
      assert.ok((err.detail ?? '').includes('***'), `something was masked: ${err.detail}`);
      assert.deepEqual(survivingMarkers(`${err.message}\n${err.detail}\n${JSON.stringify(ev)}`, markers), []);
    });
  }

  it('an API key echoed by the OpenAI-compatible endpoint is masked too', async () => {
    const keyed = await makeRig(emu, { apiKey: MARKER.apiKey });
    try {
      emu.fault({ kind: 'invalidToken', route: 'ChatCompletions', message: 'Incorrect API key provided: {header:authorization}; seen as {header:authorization|url}' });
      const ev = await collect(keyed.router.stream(chat('openai.gpt-oss-20b-1:0'), undefined, { api: 'chat-completions' }));
      const err = errorOf(ev)?.error;
      assert.ok(err, `the turn failed (got: ${textOf(ev)})`);
      assert.equal(emu.requests.at(-1)?.auth.token, MARKER.apiKey, 'the request carried the key');
      assert.deepEqual(survivingMarkers(`${err.message}\n${err.detail}`, [MARKER.apiKey]), []);
    } finally {
      keyed.dispose();
    }
  });
});
