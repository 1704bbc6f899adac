import assert from 'node:assert/strict';
import type { ChatRequest, ContentPart } from '../../../../../src/core/bedrock/adapters/chatRequest';
import { wantedFeatures } from '../../../../../src/core/bedrock/adapters/chatRequest';
import { converseInput } from '../../../../../src/core/bedrock/adapters/converseAdapter';
import { INVOKE_CODECS } from '../../../../../src/core/bedrock/adapters/invoke/invokeCodecs';
import { messagesBody } from '../../../../../src/core/bedrock/adapters/anthropicCodec';
import { chatCompletionsBody } from '../../../../../src/core/bedrock/adapters/chatCompletionsAdapter';
import { responsesBody } from '../../../../../src/core/bedrock/adapters/responsesAdapter';
import { PNG_1X1, pdfOf, utf8 } from './mediaSamples';

const PDF = pdfOf(40);
const image: ContentPart = { type: 'image', format: 'png', data: PNG_1X1 };
const pdf: ContentPart = { type: 'document', format: 'pdf', name: 'Q3 report (final).v2.pdf', data: PDF };
const md: ContentPart = { type: 'document', format: 'md', name: 'notes.md', data: utf8('# Notes\nship it') };
const docx: ContentPart = { type: 'document', format: 'docx', name: 'spec.docx', data: new Uint8Array([0x50, 0x4b, 3, 4]) };
const req = (...parts: ContentPart[]): ChatRequest => ({ modelId: 'm', messages: [{ role: 'user', content: [{ type: 'text', text: 'What is in these?' }, ...parts] }] });
const b64 = (d: Uint8Array) => Buffer.from(d).toString('base64');

describe('attachment encoding per API', () => {
  it('wantedFeatures names images and the document formats attached', () => {
    assert.deepEqual(wantedFeatures(req(image, pdf, md, pdf)), { streaming: true, systemPrompt: false, images: true, documents: ['pdf', 'md'], tools: false, reasoning: false });
    assert.deepEqual(wantedFeatures(req()).documents, []);
  });

  it('Converse: image and document blocks with raw bytes; the document name keeps only what Bedrock allows', () => {
    const content = converseInput(req(image, pdf), 'm').messages![0].content!;
    assert.deepEqual(content[1], { image: { format: 'png', source: { bytes: PNG_1X1 } } });
    assert.deepEqual(content[2], { document: { format: 'pdf', name: 'Q3 report (final) v2', source: { bytes: PDF } } });
  });

  it('Anthropic body (InvokeModel): base64 image source; PDF as a base64 document, text formats as a text document', () => {
    const body = INVOKE_CODECS.anthropic.body(req(image, pdf, md), false);
    const [, img, doc, text] = body.messages[0].content;
    assert.deepEqual(img, { type: 'image', source: { type: 'base64', media_type: 'image/png', data: b64(PNG_1X1) } });
    assert.deepEqual(doc, { type: 'document', title: pdf.type === 'document' ? pdf.name : '', source: { type: 'base64', media_type: 'application/pdf', data: b64(PDF) } });
    assert.deepEqual(text, { type: 'document', title: 'notes.md', source: { type: 'text', media_type: 'text/plain', data: '# Notes\nship it' } });
    assert.throws(() => INVOKE_CODECS.anthropic.body(req(docx), false), /no DOCX documents/);
  });

  it('Anthropic Messages: the same blocks as the Anthropic body, with model and stream', () => {
    const body = messagesBody(req(image, pdf), 'us.anthropic.claude-sonnet-4-6', true);
    assert.equal(body.model, 'us.anthropic.claude-sonnet-4-6');
    assert.equal(body.anthropic_version, undefined);
    assert.equal(body.messages[0].content[1].source.type, 'base64');
    assert.equal(body.messages[0].content[2].source.media_type, 'application/pdf');
  });

  it('Nova body: Converse-shaped image and document blocks with base64 bytes', () => {
    const body = INVOKE_CODECS.nova.body(req(image, docx), false);
    const [, img, doc] = body.messages[0].content;
    assert.deepEqual(img, { image: { format: 'png', source: { bytes: b64(PNG_1X1) } } });
    assert.deepEqual(doc, { document: { format: 'docx', name: 'spec', source: { bytes: b64(docx.type === 'document' ? docx.data : new Uint8Array()) } } });
  });

  it('Chat Completions: images as image_url data URLs; documents refused (the API has no document part)', () => {
    const body = chatCompletionsBody(req(image), 'google.gemma-3-27b-it', false);
    assert.deepEqual(body.messages[0].content, [
      { type: 'text', text: 'What is in these?' },
      { type: 'image_url', image_url: { url: `data:image/png;base64,${b64(PNG_1X1)}` } },
    ]);
    assert.throws(() => chatCompletionsBody(req(pdf), 'm', false), /takes no documents/);
  });

  it('Responses: input_image data URL and a PDF as input_file; other documents refused', () => {
    const body = responsesBody(req(image, pdf), 'm', false);
    assert.deepEqual(body.input[0].content, [
      { type: 'input_text', text: 'What is in these?' },
      { type: 'input_image', image_url: `data:image/png;base64,${b64(PNG_1X1)}` },
      { type: 'input_file', filename: 'Q3 report (final).v2.pdf', file_data: `data:application/pdf;base64,${b64(PDF)}` },
    ]);
    assert.throws(() => responsesBody(req(md), 'm', false), /PDF documents only/);
  });

  it('prompt-style bodies never carry attachments (the planner keeps them off those routes)', () => {
    const body = INVOKE_CODECS.llama.body(req(image), false);
    assert.ok(!JSON.stringify(body).includes(b64(PNG_1X1)));
  });
});
