// Bedrock's models through VS Code's language-model API, as any other extension uses them: this
// suite is the consumer (vscode.lm.selectChatModels / sendRequest / countTokens), the extension
// under test the provider, the emulator the service.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { WorkbenchApi } from '../../src/extension';
import { EXTENSION_ID } from './extensionId';
import { clearEmulator, fault, recordedRequests, requestClosed } from './emulatorClient';
import { imageTool } from '../../src/vscode/lm/imageTool';

const HAIKU = 'anthropic.claude-3-haiku-20240307-v1:0';
const NOVA = 'amazon.nova-micro-v1:0';
const GPT = 'openai.gpt-oss-20b-1:0';
const HAIKU_45_PROFILE = 'us.anthropic.claude-haiku-4-5-20251001-v1:0';
const LEGACY = 'meta.llama3-8b-instruct-v1:0';
const LLAMA_31 = 'meta.llama3-1-70b-instruct-v1:0';
const User = vscode.LanguageModelChatMessage.User;
const Assistant = vscode.LanguageModelChatMessage.Assistant;

type Body = Record<string, unknown>;

async function model(id: string): Promise<vscode.LanguageModelChat> {
  const [m] = await vscode.lm.selectChatModels({ vendor: 'bedrock', id });
  assert.ok(m, `${id} is offered to vscode.lm`);
  return m;
}

async function collect(response: vscode.LanguageModelChatResponse) {
  const text: string[] = [];
  const calls: vscode.LanguageModelToolCallPart[] = [];
  for await (const part of response.stream) {
    if (part instanceof vscode.LanguageModelTextPart) text.push(part.value);
    else if (part instanceof vscode.LanguageModelToolCallPart) calls.push(part);
  }
  return { text: text.join(''), parts: text.length, calls };
}

const chatRoutes = async () => (await recordedRequests()).filter((r) => !/^(List|Get)/.test(r.route));

describe('vscode.lm: Bedrock models for any extension (against the emulator)', () => {
  let api: WorkbenchApi;

  before(async () => {
    api = (await vscode.extensions.getExtension<WorkbenchApi>(EXTENSION_ID)!.activate())!;
    await api.catalog.refresh();
    assert.equal(api.catalog.state, 'fresh', `catalog refreshed (error: ${api.catalog.error?.message})`);
  });

  beforeEach(() => clearEmulator());

  it('lists the chat models and profiles under vendor "bedrock", with limits, capabilities and route', async () => {
    const models = await vscode.lm.selectChatModels({ vendor: 'bedrock' });
    const ids = models.map((m) => m.id);
    assert.ok(ids.includes(HAIKU) && ids.includes(HAIKU_45_PROFILE) && ids.includes(GPT), 'models and profiles are listed');
    assert.ok(!ids.some((id) => /embed|canvas|titan-image|reel/.test(id)), 'nothing that cannot chat');
    assert.ok(!ids.includes(LEGACY), 'legacy models are left out');
    const haiku = models.find((m) => m.id === HAIKU)!;
    assert.equal(haiku.vendor, 'bedrock');
    assert.equal(haiku.family, 'claude-3-haiku-20240307');
    assert.equal(haiku.maxInputTokens, 200_000);
    const info = api.languageModels.provider.models().find((m) => m.id === HAIKU)!;
    assert.deepEqual(info.capabilities, { imageInput: true, toolCalling: true });
    assert.equal(info.detail, 'Anthropic · Converse');
    assert.match(info.tooltip, /Route: ConverseStream — /);
    assert.match(info.tooltip, /Context: 200,000 tokens in, 4,096 out \(the model provider's published limits\)/);
    const profile = api.languageModels.provider.models().find((m) => m.id === HAIKU_45_PROFILE)!;
    assert.match(profile.detail, /cross-Region profile/);
  });

  const PATHS = [
    { api: 'converse', model: NOVA, route: 'ConverseStream' },
    { api: 'invoke', model: HAIKU, route: 'InvokeModelWithResponseStream' },
    { api: 'messages', model: HAIKU_45_PROFILE, route: 'Messages' },
    { api: 'chat-completions', model: GPT, route: 'ChatCompletions' },
    { api: 'responses', model: GPT, route: 'Responses' },
  ];
  for (const p of PATHS) {
    it(`streams a reply through ${p.route} (pinned with modelOptions.api = ${p.api})`, async () => {
      const m = await model(p.model);
      const res = await m.sendRequest([User('Say hello in a few words')], { modelOptions: { api: p.api } });
      const { text, parts } = await collect(res);
      assert.ok(text.length > 0, 'some text arrived');
      assert.ok(parts > 1, 'as a stream of parts, not one block');
      assert.ok(!/<\/?(think|reasoning)>/.test(text), 'no inline reasoning tags');
      const routes = (await chatRoutes()).map((r) => r.route);
      assert.equal(routes.at(-1), p.route);
    });
  }

  const TOOL = { name: 'get_weather', description: 'Weather for a city', inputSchema: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] } };
  for (const p of [
    { api: 'converse', model: HAIKU, route: 'ConverseStream' },
    { api: 'messages', model: HAIKU_45_PROFILE, route: 'Messages' },
    { api: 'chat-completions', model: GPT, route: 'ChatCompletions' },
    { api: 'responses', model: GPT, route: 'Responses' },
    { api: 'invoke', model: HAIKU, route: 'InvokeModelWithResponseStream' },
    { api: 'invoke', model: NOVA, route: 'InvokeModelWithResponseStream' },
  ]) {
    it(`tool round trip on ${p.route} (${p.model}): tool call part → tool result → final text`, async () => {
      const m = await model(p.model);
      const options = { tools: [TOOL], modelOptions: { api: p.api } };
      const ask = User('What is the weather in Paris? Use get_weather.');
      const first = await collect(await m.sendRequest([ask], options));
      assert.equal(first.calls.length, 1, 'one tool call part');
      const call = first.calls[0];
      assert.equal(call.name, 'get_weather');
      assert.equal(typeof call.input, 'object');
      const result = new vscode.LanguageModelToolResultPart(call.callId, [new vscode.LanguageModelTextPart('18 degrees and sunny')]);
      const second = await collect(await m.sendRequest([ask, Assistant([call]), User([result])], options));
      assert.ok(second.text.length > 0 && !second.calls.length, 'the final answer is text');
      const last = (await chatRoutes()).at(-1)!;
      assert.equal(last.route, p.route);
      assert.ok(JSON.stringify(last.body).includes('18 degrees and sunny'), 'the tool result went back in the next request');
      assert.ok(JSON.stringify(last.body).includes(call.callId), 'tied to its call id');
    });
  }

  it('a model that refuses tool use while streaming gets its tool call through the non-streaming fallback', async () => {
    const m = await model(LLAMA_31);
    const { calls } = await collect(await m.sendRequest([User('Use get_weather for Oslo')], { tools: [TOOL] }));
    assert.equal(calls.length, 1);
    assert.equal(calls[0].name, 'get_weather');
    const routes = (await chatRoutes()).map((r) => `${r.route} ${r.status}`);
    assert.deepEqual(routes, ['ConverseStream 400', 'Converse 200']);
  });

  it('toolMode Required makes the model call a tool', async () => {
    const m = await model(HAIKU);
    await collect(await m.sendRequest([User('hello')], { tools: [TOOL], toolMode: vscode.LanguageModelChatToolMode.Required }));
    const body = (await chatRoutes()).at(-1)!.body as { toolConfig?: { toolChoice?: unknown } };
    assert.deepEqual(body.toolConfig?.toolChoice, { tool: { name: 'get_weather' } });
  });

  it('sends an image data part as an image block', async () => {
    const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
    const m = await model(HAIKU);
    const { text } = await collect(await m.sendRequest([User([new vscode.LanguageModelTextPart('What is in this picture?'), vscode.LanguageModelDataPart.image(png, 'image/png')])]));
    assert.ok(text.length > 0);
    const body = (await chatRoutes()).at(-1)!.body as { messages: Array<{ content: Array<{ image?: { format: string; source: { bytes: string } } }> }> };
    const image = body.messages[0].content.find((c) => c.image)?.image;
    assert.equal(image?.format, 'png');
    assert.equal(Buffer.from(image!.source.bytes, 'base64').toString('base64'), png.toString('base64'));
  });

  it('counts tokens with CountTokens for a profile (asked for its base model), cached per text', async () => {
    const m = await model(HAIKU_45_PROFILE);
    const text = `count these words please ${Date.now()}`;
    const n = await m.countTokens(text);
    assert.ok(n > 0);
    assert.equal(await m.countTokens(text), n, 'same answer');
    const counts = (await recordedRequests()).filter((r) => r.route === 'CountTokens');
    assert.equal(counts.length, 1, 'the second answer came from the cache');
    assert.equal(counts[0].modelId, 'anthropic.claude-haiku-4-5-20251001-v1:0');
    assert.ok(await m.countTokens(User('a message, counted too')) > 0);
  });

  it('estimates tokens for a model that cannot count, and stops asking it', async () => {
    // A model no other test here sends to, so no turn has calibrated its ratio yet.
    const m = await model('amazon.nova-lite-v1:0');
    const text = 'x'.repeat(350);
    assert.equal(await m.countTokens(text), 100, '350 characters at 3.5 per token');
    await m.countTokens('another text');
    assert.equal((await recordedRequests()).filter((r) => r.route === 'CountTokens').length, 1, 'asked once, refused, then estimated');
  });

  it('cancelling the request closes its HTTP stream', async () => {
    await fault({ kind: 'stall', afterEvents: 6, route: 'ConverseStream' });
    const m = await model(NOVA);
    const cts = new vscode.CancellationTokenSource();
    const res = await m.sendRequest([User('Tell me about retries')], {}, cts.token);
    const seen: string[] = [];
    await assert.rejects(async () => {
      for await (const part of res.stream) {
        if (part instanceof vscode.LanguageModelTextPart) seen.push(part.value);
        if (seen.length === 1) cts.cancel();
      }
      throw new Error('the stream ended without cancelling');
    }, (e: Error) => !/ended without/.test(e.message));
    assert.ok(seen.length >= 1, 'text arrived before the cancel');
    const req = (await chatRoutes()).find((r) => r.route === 'ConverseStream')!;
    assert.deepEqual(await requestClosed(req.requestId), { aborted: true }, 'the client went away mid-stream');
  });

  it('a service failure arrives as a LanguageModelError with our message and next step', async () => {
    await fault({ kind: 'accessDenied', route: 'ConverseStream', model: NOVA });
    const m = await model(NOVA);
    const res = await m.sendRequest([User('hello')]);
    await assert.rejects(collect(res), (e: Error & { code?: string }) => {
      assert.ok(e instanceof vscode.LanguageModelError, `a LanguageModelError, got ${e?.constructor?.name}: ${e.message}`);
      assert.equal(e.code, vscode.LanguageModelError.NoPermissions.name);
      assert.match(e.message, /^Amazon Bedrock: This model is not enabled for your account in this region\./);
      assert.match(e.message, /Next step: Request model access\.$/);
      return true;
    });
  });

  it('a bad modelOptions value is refused with a message naming it', async () => {
    const m = await model(NOVA);
    await assert.rejects(
      async () => collect(await m.sendRequest([User('hello')], { modelOptions: { temperature: 'hot' } })),
      (e: Error) => /modelOptions\.temperature must be a number from 0 to 2; got "hot"/.test(e.message),
    );
  });
});

describe('vscode.lm tools: bedrock_list_models, bedrock_count_tokens, bedrock_generate_image', () => {
  before(async () => {
    const api = (await vscode.extensions.getExtension<WorkbenchApi>(EXTENSION_ID)!.activate())!;
    await api.catalog.refresh();
  });

  const textOf = (r: vscode.LanguageModelToolResult) => r.content.map((p) => (p instanceof vscode.LanguageModelTextPart ? p.value : '')).join('');

  it('are registered with their schemas', () => {
    const names = vscode.lm.tools.filter((t) => t.name.startsWith('bedrock_'));
    assert.deepEqual(names.map((t) => t.name).sort(), ['bedrock_count_tokens', 'bedrock_generate_image', 'bedrock_list_models']);
    assert.deepEqual((names.find((t) => t.name === 'bedrock_count_tokens')!.inputSchema as Body).required, ['text']);
  });

  it('bedrock_list_models lists matching models with their chat route', async () => {
    const text = textOf(await vscode.lm.invokeTool('bedrock_list_models', { input: { query: 'claude-3-haiku', output: 'text' }, toolInvocationToken: undefined }));
    assert.match(text, /in us-east-1 match/);
    assert.match(text, new RegExp(`- ${HAIKU.replace(/[.:]/g, '\\$&')} — .*chat route: ConverseStream`));
  });

  it('bedrock_count_tokens counts with the model named', async () => {
    const text = textOf(await vscode.lm.invokeTool('bedrock_count_tokens', { input: { text: 'how many tokens is this', modelId: HAIKU }, toolInvocationToken: undefined }));
    assert.match(text, /^\d+ tokens for anthropic\.claude-3-haiku.*counted by Bedrock's CountTokens/);
  });

  it('says what was wrong with its input', async () => {
    const text = textOf(await vscode.lm.invokeTool('bedrock_list_models', { input: { output: 'music' }, toolInvocationToken: undefined }));
    assert.match(text, /output must be one of text, embedding, image, video, speech; got "music"/);
  });

  it('bedrock_generate_image asks the user first, saying what it costs', async () => {
    const api = (await vscode.extensions.getExtension<WorkbenchApi>(EXTENSION_ID)!.activate())!;
    const tool = imageTool({ region: () => 'us-east-1', catalog: api.catalog, generate: () => Promise.reject(new Error('not called')), save: () => Promise.reject(new Error('not called')) });
    const token = new vscode.CancellationTokenSource().token;
    const prepared = await tool.prepareInvocation!({ input: { prompt: 'a lighthouse at dusk', count: 2 } }, token);
    assert.equal(prepared?.confirmationMessages?.title, 'Generate images with Amazon Bedrock?');
    const message = prepared!.confirmationMessages!.message;
    const text = typeof message === 'string' ? message : message.value;
    assert.match(text, /Generate \*\*2\*\* images with `amazon\.nova-canvas-v1:0` in us-east-1/);
    assert.match(text, /lighthouse/);
    assert.match(text, /bills every generated image/);
  });

  it('bedrock_generate_image draws with Nova Canvas and returns the image and its file', async () => {
    await clearEmulator();
    const result = await vscode.lm.invokeTool('bedrock_generate_image', { input: { prompt: 'a red square', seed: 5 }, toolInvocationToken: undefined });
    const images = result.content.filter((p): p is vscode.LanguageModelDataPart => p instanceof vscode.LanguageModelDataPart);
    assert.equal(images.length, 1);
    assert.match(images[0].mimeType, /^image\/(png|jpeg)$/);
    const path = /^- (.+)$/m.exec(textOf(result))?.[1];
    assert.ok(path, textOf(result));
    assert.deepEqual(await vscode.workspace.fs.readFile(vscode.Uri.file(path)), images[0].data, 'the file holds the image');
    const sent = (await recordedRequests()).find((r) => r.route === 'InvokeModel')!;
    assert.equal(sent.modelId, 'amazon.nova-canvas-v1:0');
    assert.equal((sent.body as { imageGenerationConfig?: { seed?: number } }).imageGenerationConfig?.seed, 5);
  });

  it('bedrock_generate_image refuses an input it cannot send, before anything is billed', async () => {
    await clearEmulator();
    const result = await vscode.lm.invokeTool('bedrock_generate_image', { input: { prompt: 'x', width: 1000, height: 1000 }, toolInvocationToken: undefined });
    assert.match(textOf(result), /width x height must be one of 1024x1024/);
    assert.equal((await recordedRequests()).filter((r) => r.route === 'InvokeModel').length, 0);
  });
});
