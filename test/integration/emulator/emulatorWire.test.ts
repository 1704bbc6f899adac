// Byte-level faithfulness: event-stream framing against the reference test vectors, one port
// serving HTTP/1.1 and h2c, request ids, auth recording and the missing-auth 403.
import assert from 'node:assert/strict';
import http from 'node:http';
import http2 from 'node:http2';
import { after, before, describe, it } from 'mocha';
import { chunkFrame, decodeMessages, encodeMessage, eventFrame, exceptionFrame } from '../../emulator/eventStream';
import { startEmulator } from '../../emulator/emulator';
import type { EmulatorHandle } from '../../emulator/emulator';
import { runtimeClient } from '../../emulator/sdkClients';
import { ListFoundationModelsCommand } from '@aws-sdk/client-bedrock';
import { ConverseCommand } from '@aws-sdk/client-bedrock-runtime';
import { controlClient } from '../../emulator/sdkClients';

const VECTOR_1_PAYLOAD =
  '{"bytes":"eyJjaG9pY2VzIjpbeyJpbmRleCI6MCwibWVzc2FnZSI6eyJyb2xlIjoiYXNzaXN0YW50IiwiY29udGVudCI6IkkifSwic3RvcF9yZWFzb24iOm51bGx9XX0=","p":"abcdefghijklmnopqrstuvwxyzABCDEFGHIJK"}';
const VECTOR_2 =
  '000000760000005296d5fade0b3a6576656e742d7479706507000c6d65737361676553746172740d3a636f6e74656e742d747970650700106170706c69636174696f6e2f6a736f6e0d3a6d6573736167652d747970650700056576656e747b22726f6c65223a22617373697374616e74227d6fa8c599';
const VECTOR_3 =
  '000000b2000000613590d5d30f3a657863657074696f6e2d747970650700137468726f74746c696e67457863657074696f6e0d3a636f6e74656e742d747970650700106170706c69636174696f6e2f6a736f6e0d3a6d6573736167652d74797065070009657863657074696f6e7b226d657373616765223a22546f6f206d616e792072657175657374732c20706c656173652077616974206265666f726520747279696e6720616761696e2e227de8ffb26a';
const VECTOR_4 =
  '000000870000004b87ea2bf30b3a6576656e742d747970650700056368756e6b0d3a636f6e74656e742d747970650700106170706c69636174696f6e2f6a736f6e0d3a6d6573736167652d747970650700056576656e747b226279746573223a2265794a306558426c496a6f696257567a6332466e5a56397a64473977496e303d227dba48ab22';

describe('emulator wire format', () => {
  describe('event-stream encoder (AWS event-stream test vectors)', () => {
    it('reproduces the captured Jamba chunk frame byte for byte (vector 1)', () => {
      const frame = encodeMessage(
        [
          [':event-type', 'chunk'],
          [':content-type', 'application/json'],
          [':message-type', 'event'],
        ],
        VECTOR_1_PAYLOAD,
      );
      assert.equal(frame.length, 267);
      assert.equal(frame.subarray(0, 12).toString('hex'), '0000010b0000004b38a0a5c5');
      assert.equal(frame.subarray(-4).toString('hex'), '1106313f');
    });
    it('reproduces the messageStart frame (vector 2)', () => {
      assert.equal(eventFrame('messageStart', { role: 'assistant' }).toString('hex'), VECTOR_2);
    });
    it('reproduces the throttlingException frame (vector 3)', () => {
      assert.equal(exceptionFrame('throttlingException', { message: 'Too many requests, please wait before trying again.' }).toString('hex'), VECTOR_3);
    });
    it('reproduces the chunk frame wrapping {"type":"message_stop"} (vector 4)', () => {
      assert.equal(chunkFrame({ type: 'message_stop' }).toString('hex'), VECTOR_4);
    });
    it('decodes what it encodes, with padding', () => {
      const [m] = decodeMessages(eventFrame('contentBlockDelta', { contentBlockIndex: 0, delta: { text: 'hé' } }, 12));
      assert.equal(m!.headers[':event-type'], 'contentBlockDelta');
      assert.deepEqual(JSON.parse(m!.payload.toString('utf8')), { contentBlockIndex: 0, delta: { text: 'hé' }, p: 'abcdefghijkl' });
    });
  });

  describe('server', () => {
    let emu: EmulatorHandle;
    before(async () => {
      emu = await startEmulator({ seed: 7 });
    });
    after(() => emu.close());

    it('serves HTTP/1.1 and cleartext HTTP/2 on the same port', async () => {
      const h1Status = await new Promise<number>((resolve, reject) => {
        http.get(`${emu.url}/foundation-models`, { headers: { authorization: 'Bearer k' } }, (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        }).on('error', reject);
      });
      const h2Status = await new Promise<number>((resolve, reject) => {
        const session = http2.connect(emu.url);
        session.on('error', reject);
        const req = session.request({ ':path': '/foundation-models', authorization: 'Bearer k' });
        req.on('response', (h) => {
          resolve(Number(h[':status']));
          req.resume();
          req.on('end', () => session.close());
        });
      });
      assert.equal(h1Status, 200);
      assert.equal(h2Status, 200);
      const versions = emu.requests.slice(-2).map((r) => r.httpVersion);
      assert.deepEqual(versions, ['1.1', '2']);
    });

    it('uses HTTP/2 for the runtime client and HTTP/1.1 for the control plane (default handlers)', async () => {
      await runtimeClient(emu.url).send(new ConverseCommand({ modelId: 'amazon.nova-micro-v1:0', messages: [{ role: 'user', content: [{ text: 'hi' }] }] }));
      await controlClient(emu.url).send(new ListFoundationModelsCommand({}));
      const conv = emu.requests.find((r) => r.route === 'Converse')!;
      const list = emu.requests.filter((r) => r.route === 'ListFoundationModels').pop()!;
      assert.equal(conv.httpVersion, '2');
      assert.equal(list.httpVersion, '1.1');
      assert.equal(conv.auth.kind, 'sigv4');
      assert.equal(conv.auth.signingName, 'bedrock');
      assert.equal(conv.auth.region, 'us-east-1');
      assert.equal(conv.service, 'bedrock-runtime');
      assert.equal(list.service, 'bedrock');
    });

    it('puts x-amzn-requestid on every response and surfaces it as $metadata.requestId', async () => {
      const out = await runtimeClient(emu.url).send(new ConverseCommand({ modelId: 'amazon.nova-micro-v1:0', messages: [{ role: 'user', content: [{ text: 'id?' }] }] }));
      const rec = emu.requests.filter((r) => r.route === 'Converse').pop()!;
      assert.equal(out.$metadata.requestId, rec.requestId);
    });

    it('answers a request with no credentials with the real 403', async () => {
      const res = await fetch(`${emu.url}/foundation-models`);
      assert.equal(res.status, 403);
      assert.match(res.headers.get('x-amzn-errortype') ?? '', /^MissingAuthenticationTokenException/);
      assert.deepEqual(await res.json(), { message: 'Missing Authentication Token' });
      assert.equal(emu.requests.at(-1)!.auth.kind, 'none');
    });

    it('decodes percent-encoded ARN labels once', async () => {
      const arn = 'arn:aws:bedrock:us-east-1::foundation-model/amazon.nova-micro-v1:0';
      await runtimeClient(emu.url).send(new ConverseCommand({ modelId: arn, messages: [{ role: 'user', content: [{ text: 'arn' }] }] }));
      const rec = emu.requests.filter((r) => r.route === 'Converse').pop()!;
      assert.ok(rec.path.includes('arn%3Aaws%3Abedrock'));
      assert.equal(rec.modelId, arn);
      assert.equal(rec.resolvedModelId, 'amazon.nova-micro-v1:0');
    });
  });
});
