import assert from 'node:assert/strict';
import { buildDescriptors, shippedDescriptor } from '../../../../../src/core/bedrock/catalog/catalogBuild';
import { SHIPPED_MODELS } from '../../../../../src/core/bedrock/catalog/shippedCapabilities.generated';
import { planRoute } from '../../../../../src/core/bedrock/routing/routePlanner';
import { applyMediaLimits, mediaLimitProblem, mediaRefusal } from '../../../../../src/core/bedrock/routing/mediaSupport';
import type { ChatRequest, ContentPart, WantedFeatures } from '../../../../../src/core/bedrock/adapters/chatRequest';
import { wantedFeatures } from '../../../../../src/core/bedrock/adapters/chatRequest';
import type { RouteStep } from '../../../../../src/core/bedrock/routing/routePlan';
import { PNG_1X1, jpegOfSize, pdfOf, pngOfSize } from '../adapters/mediaSamples';

const ctx = { region: 'us-east-1', mantle: true };
const plan = (modelId: string, features: WantedFeatures, d = shippedDescriptor(modelId, SHIPPED_MODELS)) => planRoute({ modelId, task: 'chat', features: { streaming: true, ...features } }, d, ctx);
const apis = (p: ReturnType<typeof plan>) => p.steps.map((s) => `${s.api}@${s.endpoint}`);
const step = (api: RouteStep['api'], target = 'm'): RouteStep => ({ api, endpoint: 'runtime', target, reason: '', adjustments: {} });
const request = (...parts: ContentPart[]): ChatRequest => ({ modelId: 'amazon.nova-pro-v1:0', messages: [{ role: 'user', content: [{ type: 'text', text: 'look' }, ...parts] }] });
const png: ContentPart = { type: 'image', format: 'png', data: PNG_1X1 };
const pdf = (bytes = 64, name = 'a.pdf'): ContentPart => ({ type: 'document', format: 'pdf', name, data: pdfOf(bytes) });

describe('attachments in the router', () => {
  describe('which APIs take what', () => {
    it('Converse takes images and every document format; Chat Completions no documents; Responses PDFs only', () => {
      assert.equal(mediaRefusal('converse-stream', undefined, { images: true, documents: ['xlsx', 'md'] }), undefined);
      assert.equal(mediaRefusal('chat-completions', undefined, { images: true }), undefined);
      assert.equal(mediaRefusal('chat-completions', undefined, { documents: ['pdf'] }), 'Chat Completions takes no documents');
      assert.equal(mediaRefusal('responses', undefined, { documents: ['pdf'] }), undefined);
      assert.equal(mediaRefusal('responses', undefined, { documents: ['csv'] }), 'Responses takes no CSV documents');
    });

    it('InvokeModel: the Anthropic and Nova bodies take images; the Anthropic body no Office documents; prompt bodies nothing', () => {
      assert.equal(mediaRefusal('invoke-stream', 'anthropic', { images: true, documents: ['pdf', 'txt'] }), undefined);
      assert.equal(mediaRefusal('invoke', 'anthropic', { documents: ['docx'] }), 'InvokeModel (Anthropic body) takes no DOCX documents');
      assert.equal(mediaRefusal('invoke', 'nova', { images: true, documents: ['docx'] }), undefined);
      assert.equal(mediaRefusal('invoke-stream', 'llama', { images: true }), 'InvokeModel (llama body) takes no images');
      assert.equal(mediaRefusal('messages', undefined, { documents: ['xls'] }), 'Anthropic Messages takes no XLS documents');
    });
  });

  describe('the planner', () => {
    it('plans no route that cannot carry an image, and says what it skipped', () => {
      const oss = 'openai.gpt-oss-120b-1:0';
      const d = { ...shippedDescriptor(oss, SHIPPED_MODELS), inputModalities: ['TEXT' as const, 'IMAGE' as const] };
      const p = plan(oss, { images: true }, d);
      assert.ok(!p.steps.some((s) => s.api.startsWith('invoke')), 'the gpt-oss body carries no image');
      assert.ok(p.steps.some((s) => s.api === 'converse-stream') && p.steps.some((s) => s.api === 'chat-completions'));
      assert.ok(p.notes.some((n) => /Skipped invoke-stream on runtime: InvokeModel \(openai body\) takes no images/.test(n)));
    });

    it('keeps Converse and the Anthropic body for a PDF, drops the Anthropic body for a DOCX', () => {
      const sonnet = 'anthropic.claude-sonnet-4-20250514-v1:0';
      assert.deepEqual(apis(plan(sonnet, { documents: ['pdf'] })), ['converse-stream@runtime', 'invoke-stream@runtime']);
      assert.deepEqual(apis(plan(sonnet, { documents: ['docx'] })), ['converse-stream@runtime']);
    });

    it('refuses before sending when the model takes no images, naming the model and what to do', () => {
      const micro = buildDescriptors({ models: [{ modelId: 'amazon.nova-micro-v1:0', modelName: 'Nova Micro', providerName: 'Amazon', inputModalities: ['TEXT'], outputModalities: ['TEXT'] }], profiles: [], shipped: SHIPPED_MODELS, learned: {} })[0];
      const p = plan(micro.id, { images: true }, micro);
      assert.equal(p.steps.length, 0);
      assert.match(p.refusal ?? '', /^Nova Micro does not accept images \(its input is text\)\. Remove the image, or pick a model that takes images/);
    });

    it('refuses documents for a model the shipped table says takes none (Nova Micro), and tries unknown ones', () => {
      const micro = shippedDescriptor('amazon.nova-micro-v1:0', SHIPPED_MODELS);
      assert.equal(micro.documentInput, false);
      assert.match(plan(micro.id, { documents: ['pdf'] }, micro).refusal ?? '', /Nova Micro does not accept documents/);
      assert.equal(shippedDescriptor('anthropic.claude-sonnet-4-6', SHIPPED_MODELS).documentInput, true);
      const qwen = shippedDescriptor('qwen.qwen3-32b-v1:0', SHIPPED_MODELS);
      assert.equal(qwen.documentInput, null);
      assert.equal(plan(qwen.id, { documents: ['pdf'] }, qwen).steps[0]?.api, 'converse-stream');
    });

    it('when every API that serves the model refuses the attachment, the refusal lists why', () => {
      // A model only mantle's Chat Completions serves, asked to read a PDF.
      const [d] = buildDescriptors({ models: [], profiles: [], mantle: [{ id: 'openai.gpt-5.5' }], shipped: SHIPPED_MODELS, learned: {} });
      const p = planRoute({ modelId: d.id, task: 'chat', features: { streaming: true, documents: ['docx'] } }, { ...d, apis: { ...d.apis, 'chat-completions': { supported: true, source: 'shipped' } } }, ctx);
      assert.equal(p.steps.length, 0);
      assert.match(p.refusal ?? '', /No API that serves .* can take what is attached \(Chat Completions takes no documents.*\)\. Remove the attachment, or pick another model\./);
    });
  });

  describe('limits, checked before sending', () => {
    it('Converse: 3.75 MB and 8,000 px per image, 20 images, 4.5 MB and 5 documents, text with a document', () => {
      assert.equal(mediaLimitProblem(request(png), step('converse-stream')), undefined);
      assert.match(mediaLimitProblem(request({ type: 'image', format: 'png', data: pngOfSize(10, 10, 3_750_001) }), step('converse'))!, /3\.75 MB; Converse takes images up to 3\.75 MB/);
      assert.match(mediaLimitProblem(request({ type: 'image', format: 'jpeg', data: jpegOfSize(8001, 600) }), step('converse'))!, /8,001 x 600 px; Converse takes images up to 8,000 px on a side/);
      assert.equal(mediaLimitProblem(request({ type: 'image', format: 'png', data: pngOfSize(8000, 8000) }), step('converse')), undefined);
      assert.match(mediaLimitProblem(request(...Array(21).fill(png)), step('converse'))!, /21 images; Converse takes at most 20 per request/);
      assert.equal(mediaLimitProblem(request(...Array(20).fill(png)), step('converse')), undefined);
      assert.match(mediaLimitProblem(request(pdf(4_500_001, 'big.pdf')), step('converse'))!, /^big\.pdf is 4\.5 MB; Converse takes documents up to 4\.5 MB/);
      assert.match(mediaLimitProblem(request(...Array(6).fill(pdf())), step('converse'))!, /6 documents; Converse takes at most 5/);
      const noText: ChatRequest = { modelId: 'm', messages: [{ role: 'user', content: [pdf(64, 'r.pdf')] }] };
      assert.match(mediaLimitProblem(noText, step('converse'))!, /Converse needs a message with r\.pdf/);
    });

    it('the Anthropic body takes larger images (5 MB) but the InvokeModel body stops at 25,000,000 bytes', () => {
      const big = { type: 'image' as const, format: 'png' as const, data: pngOfSize(10, 10, 4_000_000) };
      const target = 'us.anthropic.claude-sonnet-4-6';
      assert.equal(mediaLimitProblem({ ...request(big), modelId: target }, step('invoke', target)), undefined);
      const many = { ...request(...Array(5).fill(big)), modelId: target };
      assert.match(mediaLimitProblem(many, step('invoke', target))!, /would be 26\.67 MB; InvokeModel \(Anthropic body\) takes at most 25 MB/);
    });

    it('drops the steps a request is too large for; with none left, refuses with the preferred route`s problem', () => {
      const big = { type: 'image' as const, format: 'png' as const, data: pngOfSize(10, 10, 4_000_000) };
      const req = { ...request(big), modelId: 'anthropic.claude-sonnet-4-6' };
      const p = applyMediaLimits({ request: { modelId: req.modelId, task: 'chat', features: wantedFeatures(req) }, baseModelId: req.modelId, steps: [step('converse-stream'), step('invoke-stream', req.modelId)], notes: [] }, req);
      assert.deepEqual(p.steps.map((s) => s.api), ['invoke-stream']);
      assert.ok(p.notes.some((n) => /Skipped converse-stream on runtime: The image is 4 MB/.test(n)));
      const only = applyMediaLimits({ ...p, steps: [step('converse-stream')] }, req);
      assert.equal(only.steps.length, 0);
      assert.match(only.refusal!, /^The image is 4 MB; Converse takes images up to 3\.75 MB\. Attach a smaller image\.$/);
    });
  });
});
