// Images and documents through the real SDK and HTTP clients on every API path, asserting the
// request bodies the emulator recorded and what it says it received; then the planner: APIs that
// cannot carry an attachment are never tried with it, and a request the model or the limits refuse
// never leaves the machine.
import assert from 'node:assert/strict';
import type { ChatRequest, ContentPart } from '../../../src/core/bedrock/adapters/chatRequest';
import type { ApiId, EndpointId } from '../../../src/core/bedrock/catalog/apiId';
import { runOneStep } from './apiPaths';
import { collect, errorOf, routesOf, textOf, useEmulatorRig } from './routerHarness';
import { PNG_1X1, pdfOf, pngOfSize } from '../../unit/core/bedrock/adapters/mediaSamples';

type J = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const PDF = pdfOf(80);
const png: ContentPart = { type: 'image', format: 'png', data: PNG_1X1 };
const pdf: ContentPart = { type: 'document', format: 'pdf', name: 'Q3 report.pdf', data: PDF };
const docx: ContentPart = { type: 'document', format: 'docx', name: 'spec.docx', data: new Uint8Array([0x50, 0x4b, 3, 4, 1, 2, 3, 4]) };
const ask = (modelId: string, ...parts: ContentPart[]): ChatRequest => ({ modelId, maxTokens: 400, messages: [{ role: 'user', content: [{ type: 'text', text: 'What is attached?' }, ...parts] }] });
const b64 = (d: Uint8Array) => Buffer.from(d).toString('base64');

const GPT_OSS = 'openai.gpt-oss-20b-1:0';
const GPT_SOL = 'openai.gpt-6.1-sol';

describe('router: attachments on every API path (emulator)', function () {
  // The emulator's data file lists these OpenAI models as text-only; here they take images, so the
  // OpenAI-compatible image encodings can be exercised end to end.
  const t = useEmulatorRig({ modelOverrides: { [GPT_OSS]: { inputModalities: ['TEXT', 'IMAGE'] }, [GPT_SOL]: { inputModalities: ['TEXT', 'IMAGE'] } } });

  const only = () => {
    assert.equal(t.emu.requests.length, 1, `one request, got ${t.emu.requests.map((r) => r.route).join(', ')}`);
    return t.emu.requests[0]!;
  };
  const step = (api: ApiId, endpoint: EndpointId, target: string) => ({ api, endpoint, target, reason: 'test' });

  it('Converse: image and document blocks, base64 on the wire, the document name cleaned', async () => {
    const ev = await collect(runOneStep(t.rig.connection, step('converse-stream', 'runtime', 'amazon.nova-lite-v1:0'), ask('amazon.nova-lite-v1:0', png, pdf)));
    assert.equal(errorOf(ev), undefined);
    const content = (only().body as J).messages[0].content;
    assert.deepEqual(content[1], { image: { format: 'png', source: { bytes: b64(PNG_1X1) } } });
    assert.deepEqual(content[2], { document: { format: 'pdf', name: 'Q3 report', source: { bytes: b64(PDF) } } });
    assert.match(textOf(ev), /^Received image png 70 bytes 1x1; document pdf "Q3 report" 80 bytes\./);
  });

  it('InvokeModel, Anthropic body: base64 image and PDF document sources', async () => {
    const target = 'anthropic.claude-3-haiku-20240307-v1:0';
    const ev = await collect(runOneStep(t.rig.connection, step('invoke-stream', 'runtime', target), ask(target, png, pdf)));
    assert.equal(errorOf(ev), undefined);
    const [, img, doc] = (only().body as J).messages[0].content;
    assert.deepEqual(img, { type: 'image', source: { type: 'base64', media_type: 'image/png', data: b64(PNG_1X1) } });
    assert.equal(doc.source.media_type, 'application/pdf');
    assert.match(textOf(ev), /^Received image png 70 bytes 1x1; document pdf "Q3 report.pdf" 80 bytes\./);
  });

  it('InvokeModel, Nova body: Converse-shaped blocks', async () => {
    const ev = await collect(runOneStep(t.rig.connection, step('invoke', 'runtime', 'amazon.nova-lite-v1:0'), ask('amazon.nova-lite-v1:0', png, docx)));
    assert.equal(errorOf(ev), undefined);
    const content = (only().body as J).messages[0].content;
    assert.deepEqual(content[2], { document: { format: 'docx', name: 'spec', source: { bytes: b64(docx.type === 'document' ? docx.data : new Uint8Array()) } } });
    assert.match(textOf(ev), /^Received image png 70 bytes 1x1; document docx "spec" 8 bytes\./);
  });

  for (const endpoint of ['runtime', 'mantle'] as const) {
    it(`Chat Completions on ${endpoint}: the image as an image_url data URL`, async () => {
      const target = endpoint === 'runtime' ? GPT_OSS : 'openai.gpt-oss-20b';
      const ev = await collect(runOneStep(t.rig.connection, step('chat-completions', endpoint, target), ask(GPT_OSS, png)));
      assert.equal(errorOf(ev), undefined);
      const r = only();
      assert.equal(r.service, endpoint === 'runtime' ? 'bedrock-runtime' : 'bedrock-mantle');
      assert.deepEqual((r.body as J).messages[0].content[1], { type: 'image_url', image_url: { url: `data:image/png;base64,${b64(PNG_1X1)}` } });
      assert.match(textOf(ev), /^Received image png 70 bytes 1x1\./);
    });
  }

  it('Responses on bedrock-runtime: input_image and a PDF as input_file', async () => {
    const ev = await collect(runOneStep(t.rig.connection, step('responses', 'runtime', `us.${GPT_SOL}`), ask(GPT_SOL, png, pdf)));
    assert.equal(errorOf(ev), undefined);
    const content = (only().body as J).input[0].content;
    assert.deepEqual(content[1], { type: 'input_image', image_url: `data:image/png;base64,${b64(PNG_1X1)}` });
    assert.deepEqual(content[2], { type: 'input_file', filename: 'Q3 report.pdf', file_data: `data:application/pdf;base64,${b64(PDF)}` });
    assert.match(textOf(ev), /^Received image png 70 bytes 1x1; document pdf "Q3 report.pdf" 80 bytes\./);
  });

  for (const endpoint of ['runtime', 'mantle'] as const) {
    it(`Anthropic Messages on ${endpoint}: image and PDF blocks`, async () => {
      const target = endpoint === 'runtime' ? 'us.anthropic.claude-haiku-4-5-20251001-v1:0' : 'anthropic.claude-haiku-4-5-20251001';
      const ev = await collect(runOneStep(t.rig.connection, step('messages', endpoint, target), ask(target, png, pdf)));
      assert.equal(errorOf(ev), undefined);
      const content = (only().body as J).messages[0].content;
      assert.equal(content[1].source.data, b64(PNG_1X1));
      assert.equal(content[2].source.data, b64(PDF));
      assert.match(textOf(ev), /^Received image png 70 bytes 1x1; document pdf "Q3 report.pdf" 80 bytes\./);
    });
  }

  describe('the planner and the limits', () => {
    const forbid = (modelId: string, ...apis: ApiId[]) => {
      for (const api of apis) t.rig.learned.learn('us-east-1', modelId, { api: [api, false, 'test: forced'] });
    };

    it('never tries an API that cannot carry the image: gpt-oss skips its InvokeModel body for Chat Completions', async () => {
      forbid(GPT_OSS, 'converse', 'converse-stream');
      const ev = await collect(t.rig.router.stream(ask(GPT_OSS, png)));
      assert.deepEqual(routesOf(ev), [`chat-completions@runtime:${GPT_OSS}`]);
      assert.deepEqual(t.emu.requests.map((r) => r.route), ['ChatCompletions']);
      assert.match(textOf(ev), /^Received image png/);
    });

    it('a DOCX on Claude 3 Haiku goes to Converse only; with Converse refused, nothing is sent and the message says why', async () => {
      const haiku = 'anthropic.claude-3-haiku-20240307-v1:0';
      const plan = t.rig.router.plan({ modelId: haiku, task: 'chat', features: { streaming: true, documents: ['docx'] } });
      assert.deepEqual(plan.steps.map((s) => s.api), ['converse-stream']);
      forbid(haiku, 'converse', 'converse-stream');
      const ev = await collect(t.rig.router.stream(ask(haiku, docx)));
      assert.equal(t.emu.requests.length, 0);
      assert.match(errorOf(ev)!.error.message, /No API that serves Claude 3 Haiku can take what is attached \(InvokeModel \(Anthropic body\) takes no DOCX documents\)/);
    });

    it('a model that takes no images is refused before sending, by name', async () => {
      const ev = await collect(t.rig.router.stream(ask('amazon.nova-micro-v1:0', png)));
      assert.equal(t.emu.requests.length, 0);
      assert.match(errorOf(ev)!.error.message, /^Nova Micro does not accept images/);
      assert.equal(errorOf(ev)!.error.kind, 'validation');
    });

    it('over Converse`s limits (21 images, a 9,000 px image) is refused before sending', async () => {
      const many = await collect(t.rig.router.stream(ask('amazon.nova-lite-v1:0', ...Array(21).fill(png))));
      assert.match(errorOf(many)!.error.message, /21 images; Converse takes at most 20 per request/);
      const wide = await collect(t.rig.router.stream(ask('amazon.nova-lite-v1:0', { type: 'image', format: 'png', data: pngOfSize(9000, 100) })));
      assert.match(errorOf(wide)!.error.message, /9,000 x 100 px; Converse takes images up to 8,000 px on a side/);
      assert.equal(t.emu.requests.length, 0);
    });
  });
});
