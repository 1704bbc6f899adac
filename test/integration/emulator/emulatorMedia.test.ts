// The emulator checks images and documents the way Bedrock does, through the unmodified clients:
// formats, document names, the text a document needs, the model's input modalities and Converse's
// counts and sizes, each answered with the real error shape of its path.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'mocha';
import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { ConverseCommand, InvokeModelCommand, type ContentBlock } from '@aws-sdk/client-bedrock-runtime';
import { startEmulator, type EmulatorHandle } from '../../emulator/emulator';
import { runtimeClient } from '../../emulator/sdkClients';
import { DOCUMENT_NAME_MESSAGE } from '../../emulator/media';
import { PNG_1X1, pdfOf, pngOfSize } from '../../unit/core/bedrock/adapters/mediaSamples';

const NOVA_LITE = 'amazon.nova-lite-v1:0';
const image = (data = PNG_1X1): ContentBlock => ({ image: { format: 'png', source: { bytes: data } } });
const text: ContentBlock = { text: 'What is this?' };

describe('emulator: images and documents', () => {
  let emu: EmulatorHandle;
  before(async () => {
    emu = await startEmulator({ seed: 3 });
  });
  after(() => emu.close());

  const converse = (content: ContentBlock[], modelId = NOVA_LITE) =>
    runtimeClient(emu.url, { maxAttempts: 1 }).send(new ConverseCommand({ modelId, messages: [{ role: 'user', content }] }));
  const rejects = async (p: Promise<unknown>, name: string, message: RegExp | string) => {
    await assert.rejects(p, (e: Error & { $metadata?: { httpStatusCode?: number } }) => {
      assert.equal(e.name, name);
      if (typeof message === 'string') assert.equal(e.message, message);
      else assert.match(e.message, message);
      return true;
    });
  };

  it('Converse: the reply says what arrived', async () => {
    const res = await converse([text, image(), { document: { format: 'pdf', name: 'Q3 report', source: { bytes: pdfOf(90) } } }]);
    assert.match(res.output?.message?.content?.[0]?.text ?? '', /^Received image png 70 bytes 1x1; document pdf "Q3 report" 90 bytes\./);
  });

  it('Converse: a document name with other characters, and a document without text, are ValidationExceptions', async () => {
    await rejects(converse([text, { document: { format: 'pdf', name: 'report.final.pdf', source: { bytes: pdfOf() } } }]), 'ValidationException', DOCUMENT_NAME_MESSAGE);
    await rejects(converse([{ document: { format: 'pdf', name: 'report', source: { bytes: pdfOf() } } }]), 'ValidationException', /must also contain a text block/);
  });

  it('Converse: 21 images, a 3.75 MB+ image, an 8,001 px image, 6 documents are refused', async () => {
    await rejects(converse([text, ...Array.from({ length: 21 }, () => image())]), 'ValidationException', /Too many images: 21 were provided; the maximum is 20/);
    await rejects(converse([text, image(pngOfSize(10, 10, 3_750_001))]), 'ValidationException', /image exceeds 3.75 MB maximum: 3750001 bytes > 3750000 bytes/);
    await rejects(converse([text, image(pngOfSize(8001, 10))]), 'ValidationException', /image dimensions exceed max allowed size: 8000 pixels/);
    const doc = (i: number): ContentBlock => ({ document: { format: 'txt', name: `n${i}`, source: { bytes: Buffer.from('x') } } });
    await rejects(converse([text, ...Array.from({ length: 6 }, (_, i) => doc(i))]), 'ValidationException', /Too many documents: 6 were provided; the maximum is 5/);
  });

  it('a model without image input refuses an image; one the data marks without document chat refuses a document', async () => {
    await rejects(converse([text, image()], 'amazon.nova-micro-v1:0'), 'ValidationException', /doesn't support the image content block/);
    await rejects(converse([text, { document: { format: 'txt', name: 'n', source: { bytes: Buffer.from('x') } } }], 'amazon.nova-micro-v1:0'), 'ValidationException', /doesn't support the document content block/);
  });

  it('InvokeModel (Anthropic body): a media type outside the four image types is a ValidationException', async () => {
    const body = { anthropic_version: 'bedrock-2023-05-31', max_tokens: 50, messages: [{ role: 'user', content: [{ type: 'text', text: 'hi' }, { type: 'image', source: { type: 'base64', media_type: 'image/bmp', data: 'AAAA' } }] }] };
    const cmd = new InvokeModelCommand({ modelId: 'anthropic.claude-3-haiku-20240307-v1:0', body: JSON.stringify(body), contentType: 'application/json' });
    await rejects(runtimeClient(emu.url, { maxAttempts: 1 }).send(cmd), 'ValidationException', /expected a base64 source with media_type image\/jpeg/);
  });

  it('Anthropic Messages and OpenAI Chat Completions answer in their own error shapes', async () => {
    const anthropic = new Anthropic({ baseURL: `${emu.url}/mantle/anthropic`, apiKey: 'ABSKx', maxRetries: 0 });
    await assert.rejects(
      anthropic.messages.create({ model: 'anthropic.claude-haiku-4-5-20251001', max_tokens: 20, messages: [{ role: 'user', content: [{ type: 'document', source: { type: 'url', url: 'https://example.com/a.pdf' } }] }] }),
      (e: Error & { status?: number }) => e.status === 400 && /application\/pdf source or a text\/plain text source/.test(e.message),
    );
    const openai = new OpenAI({ baseURL: `${emu.url}/mantle/v1`, apiKey: 'ABSKx', maxRetries: 0 });
    await assert.rejects(
      openai.chat.completions.create({ model: 'google.gemma-3-27b-it', messages: [{ role: 'user', content: [{ type: 'image_url', image_url: { url: 'https://example.com/cat.png' } }] }] }),
      (e: Error & { status?: number }) => e.status === 400 && /only base64 data URLs are supported/.test(e.message),
    );
  });
});
